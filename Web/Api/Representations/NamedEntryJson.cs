using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>An entry of <c>GET /categories</c> or <c>GET /languages</c>: <c>{"id": "text", "text": "Text"}</c>.</summary>
public sealed record NamedEntryJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text);
