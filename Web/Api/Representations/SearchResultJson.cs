using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>The answer of <c>GET /things/search</c>: all matches, how many on this page, the page, and the things.</summary>
public sealed record SearchResultJson(
    [property: JsonPropertyName("total_items")] long TotalItems,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("things")] IReadOnlyList<ThingJson> Things);
