namespace Flattr.Web.Api.Representations;

/// <summary>
/// Flattr's error body, <c>{"error": "flattr_once", "error_description": "…", "error_uri": "…"}</c> (the shape of OAuth 2
/// errors). The look-up's "not found" also carries Flattr's older <c>message</c> and <c>description</c> fields.
/// </summary>
public sealed record ErrorJson
{
    public required string Error { get; init; }

    public required string ErrorDescription { get; init; }

    public string? ErrorUri { get; init; }

    public string? Message { get; init; }

    public string? Description { get; init; }
}
