using System.Text.Json.Serialization;
using Flattr.Web.Api.Json;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// <c>POST /flattr</c> (with <see cref="Url"/>: a registered URL or an auto-submit URL) and <c>POST /things/:id/flattr</c>.
/// <see cref="Anonymous"/> hides the giver from the creator and from public listings; absent, the account's default applies.
/// </summary>
public sealed record FlattrBody
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonConverter(typeof(LenientBooleanConverter))]
    [JsonPropertyName("anonymous")]
    public bool? Anonymous { get; init; }
}
