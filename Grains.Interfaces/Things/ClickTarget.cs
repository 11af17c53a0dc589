using Silo.Concurrency;

namespace Flattr.Things;

/// <summary>What the wallet needs to decide a click: who owns the thing and whether it takes flattrs.</summary>
[Immutable]
public sealed record ClickTarget(long ThingId, long OwnerId, ThingStatus Status, string Title, string Url);
