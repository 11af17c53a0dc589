namespace Flattr.Web.Api.Representations;

/// <summary>The answer of <c>GET /things/search</c>: all matches, how many on this page, the page, and the things.</summary>
public sealed record SearchResultJson(long TotalItems, int Items, int Page, IReadOnlyList<ThingJson> Things);
