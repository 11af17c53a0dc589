using Silo.Concurrency;

namespace Flattr.Things;

/// <summary>A thing with its live counts, as one read.</summary>
[Immutable]
public sealed record ThingSnapshot(ThingInfo Info, ThingCounts Counts);
