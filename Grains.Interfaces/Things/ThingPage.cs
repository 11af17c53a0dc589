using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>One page of things (pages start at 1), with the total number of matches.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingPage")]
public sealed record ThingPage(ImmutableArray<ThingSnapshot> Things, long TotalItems, int Page, int Count);
