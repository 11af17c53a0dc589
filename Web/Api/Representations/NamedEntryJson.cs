namespace Flattr.Web.Api.Representations;

/// <summary>An entry of <c>GET /categories</c> or <c>GET /languages</c>: <c>{"id": "text", "text": "Text"}</c>.</summary>
public sealed record NamedEntryJson(string Id, string Text);
