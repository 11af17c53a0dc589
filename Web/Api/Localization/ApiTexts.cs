using System.Globalization;

namespace Flattr.Web.Api.Localization;

/// <summary>
/// The words of the API's pages (access tokens, applications, consent) in the interface languages; the request's UI culture
/// (set by request localization) picks them.
/// </summary>
public sealed partial record ApiTexts
{
    public static ApiTexts Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "fr" => French,
        "de" => German,
        _ => English,
    };

    public required string TokensTitle { get; init; }
    public required string TokensLead { get; init; }
    public required string TokenName { get; init; }
    public required string TokenScopes { get; init; }
    public required string CreateToken { get; init; }
    public required string NewTokenNotice { get; init; }
    public required string NoTokens { get; init; }
    public required string Created { get; init; }
    public required string LastUsed { get; init; }
    public required string Never { get; init; }
    public required string Revoke { get; init; }
    public required string Revoked { get; init; }
    public required string AuthorizedApps { get; init; }
    public required string NoAuthorizedApps { get; init; }
    public required string AppsTitle { get; init; }
    public required string AppsLead { get; init; }
    public required string AppName { get; init; }
    public required string RedirectUri { get; init; }
    public required string ConfidentialClient { get; init; }
    public required string RegisterApp { get; init; }
    public required string NewAppNotice { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required string PublicClient { get; init; }
    public required string NoApps { get; init; }
    public required string DeleteApp { get; init; }
    public required string ConsentTitle { get; init; }
    public required string ConsentLead { get; init; }
    public required string ConsentBy { get; init; }
    public required string ConsentNoScopes { get; init; }
    public required string Allow { get; init; }
    public required string Deny { get; init; }
    public required string ConsentRevokeHint { get; init; }
    public required string ConsentErrorTitle { get; init; }
    public required string UnknownApp { get; init; }
    public required string WrongRedirect { get; init; }
    public required string ScopeFlattr { get; init; }
    public required string ScopeThing { get; init; }
    public required string ScopeEmail { get; init; }
    public required string ScopeExtendedRead { get; init; }
    public required string ScopePayout { get; init; }
    public required string ApiDocumentation { get; init; }

    public string Scope(string scope) => scope switch
    {
        Flattr.Api.ApiScopes.Flattr => ScopeFlattr,
        Flattr.Api.ApiScopes.Thing => ScopeThing,
        Flattr.Api.ApiScopes.Email => ScopeEmail,
        Flattr.Api.ApiScopes.ExtendedRead => ScopeExtendedRead,
        Flattr.Api.ApiScopes.Payout => ScopePayout,
        _ => scope,
    };
}
