using Orleans;

namespace Flattr.Live;

/// <summary>
/// Sent by a wallet to a creator: what the giver's clicks on this creator's things are worth right now.
/// <see cref="GiverSpendCents"/> = min(budget, balance); the creator's share is spend × <see cref="ClicksOnCreator"/> ÷ <see cref="GiverClicks"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverClickShare")]
public sealed record GiverClickShare(
    long GiverId,
    Month Month,
    long GiverSpendCents,
    int GiverClicks,
    int ClicksOnCreator);
