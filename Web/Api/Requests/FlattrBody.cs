using Flattr.Web.Api.Json;
using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// <c>POST /flattr</c> (with <see cref="Url"/>: a registered URL or an auto-submit URL) and <c>POST /things/:id/flattr</c>.
/// <see cref="Anonymous"/> hides the giver from the creator and from public listings; absent, the account's default applies.
/// </summary>
public sealed record FlattrBody
{
    public string? Url { get; init; }

    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? Anonymous { get; init; }
}
