namespace Flattr.Web.Api.Requests;

/// <summary>
/// A request to the OAuth 2 token endpoint (form-encoded per RFC 6749, or JSON as Flattr also took). The client authenticates
/// with HTTP Basic, or with <see cref="ClientId"/> and <see cref="ClientSecret"/> in the body; a public client sends only its id.
/// </summary>
public sealed record TokenRequestBody
{
    public string? GrantType { get; init; }

    public string? Code { get; init; }

    public string? RedirectUri { get; init; }

    public string? CodeVerifier { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }
}
