using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>One page of flattrs, newest first (pages start at 1), with the number of flattrs on all pages.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.FlattrListingPage")]
public sealed record FlattrListingPage(ImmutableArray<FlattrListing> Flattrs, long TotalItems, int Page, int Count);
