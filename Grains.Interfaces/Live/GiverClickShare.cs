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
    int ClicksOnCreator)
{
    /// <summary>
    /// Orders one wallet's shares (it grows with each one it sends): one-way messages may arrive out of order, and a creator
    /// keeps the newest word of each giver. 0 for a share read from the database.
    /// </summary>
    [Id(5)]
    public long Stamp { get; init; }
}
