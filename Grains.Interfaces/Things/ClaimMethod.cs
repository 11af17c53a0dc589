namespace Flattr.Things;

/// <summary>How a claimant proved they control a thing's page.</summary>
public enum ClaimMethod
{
    /// <summary><c>&lt;link rel="payment" href="…"&gt;</c> pointing at the claimant's auto-submit URL.</summary>
    PaymentLink,

    /// <summary><c>&lt;meta name="flattr:owner" content="…"&gt;</c> naming the claimant's username.</summary>
    OwnerMeta,

    /// <summary>The site's <c>/.well-known/flattr</c> lists the claimant's username.</summary>
    WellKnown,
}
