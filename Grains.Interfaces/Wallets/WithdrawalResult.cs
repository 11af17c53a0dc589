using Orleans;

namespace Flattr.Wallets;

/// <summary>A withdrawn click (durable when returned), with the thing's count and the giver's clicks after it.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.WithdrawalResult")]
public sealed record WithdrawalResult(long GiverId, long ThingId, Month Month, long ThingMonthClicks, int GiverClicksThisMonth, long ValueOfOneClickCents);
