namespace Flattr.Web.Api.Authentication;

/// <summary>The claims of a principal authenticated by an API token.</summary>
public static class ApiClaims
{
    /// <summary>One claim per scope the token carries.</summary>
    public const string Scope = "flattr:scope";

    /// <summary>What the token's requests are counted by: <c>api:&lt;id&gt;</c> of a stored token, <c>oauth:&lt;authorization&gt;</c> of an OAuth grant.</summary>
    public const string TokenId = "flattr:token_id";
}
