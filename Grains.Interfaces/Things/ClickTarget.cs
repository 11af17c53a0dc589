using Orleans;

namespace Flattr.Things;

/// <summary>What the wallet needs to decide a click: who owns the thing and whether it takes flattrs.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ClickTarget")]
public sealed record ClickTarget(long ThingId, long OwnerId, ThingStatus Status, string Title, string Url);
