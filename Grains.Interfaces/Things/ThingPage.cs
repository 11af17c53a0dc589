using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>
/// One page of things (pages start at 1), with the total number of matches. A search counts its matches only up to a bound
/// (1,000, or the end of the requested page): with <paramref name="MoreThanTotal"/> there are more than <paramref name="TotalItems"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingPage")]
public sealed record ThingPage(ImmutableArray<ThingSnapshot> Things, long TotalItems, int Page, int Count, bool MoreThanTotal = false)
{
    /// <summary>Whether a page follows this one.</summary>
    public bool HasNextPage => (long)Page * Count < TotalItems || MoreThanTotal;
}
