namespace Flattr.Web.Api.Authentication;

/// <summary>The claims of a principal authenticated by an API token.</summary>
public static class ApiClaims
{
    /// <summary>One claim per scope the token carries.</summary>
    public const string Scope = "flattr:scope";

    public const string TokenId = "flattr:token_id";

    /// <summary>The application an OAuth token was granted to.</summary>
    public const string AppId = "flattr:app_id";
}
