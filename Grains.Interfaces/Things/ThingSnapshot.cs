using Orleans;

namespace Flattr.Things;

/// <summary>A thing with its live counts, as one read.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingSnapshot")]
public sealed record ThingSnapshot(ThingInfo Info, ThingCounts Counts);
