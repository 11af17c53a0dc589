using Orleans;

namespace Flattr.Wallets;

/// <summary>One thing a giver clicked in a month.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverClick")]
public sealed record GiverClick(long ThingId, string ThingTitle, string ThingUrl, long OwnerId, DateTimeOffset At, bool Anonymous, ClickSource Source);
