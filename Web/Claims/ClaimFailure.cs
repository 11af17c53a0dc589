namespace Flattr.Web.Claims;

/// <summary>Why a claim's page did not prove anything.</summary>
public enum ClaimFailure
{
    None,

    /// <summary>The page (or a redirect) leads to a private, loopback, link-local or otherwise non-public address.</summary>
    NotPublic,

    /// <summary>No connection, a broken answer, or not http(s).</summary>
    Unreachable,

    TimedOut,

    TooLarge,

    TooManyRedirects,

    /// <summary>The page answered with an error status.</summary>
    BadStatus,

    /// <summary>The page and the site's <c>/.well-known/flattr</c> hold no proof for the claimant.</summary>
    NoProof,
}
