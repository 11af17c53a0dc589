namespace Flattr.Web.Claims;

/// <summary>An answer the claim fetcher read in full: where it ended up (after redirects), its media type and its bytes.</summary>
public sealed record FetchedPage(Uri Url, string? MediaType, string? CharSet, byte[] Body);
