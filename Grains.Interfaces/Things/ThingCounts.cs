using Orleans;

namespace Flattr.Things;

/// <summary>
/// Live click counts held in memory by the thing grain: <see cref="Total"/> over all months (the API's <c>flattrs</c>),
/// <see cref="ThisMonth"/> for <see cref="Month"/>. Live counts never drive money.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingCounts")]
public sealed record ThingCounts(long ThingId, Month Month, long ThisMonth, long Total, DateTimeOffset? LastFlattrAt);
