namespace Flattr.Ledger;

/// <summary>
/// What a giver gave in a settled month, read from the ledger: the spend, each clicked thing's share, and
/// what went to charity (a budget and no clicks). Before settlement everything is zero and empty.
/// </summary>
public sealed record GiverStatement(
    long GiverId,
    DateOnly Month,
    bool Settled,
    long SpentCents,
    long CharityCents,
    IReadOnlyList<GiverShare> Shares);

/// <summary>One thing's share of a giver's spend.</summary>
public sealed record GiverShare(long ThingId, long OwnerId, long AmountCents);

/// <summary>What a creator received in a settled month, per thing, read from the ledger.</summary>
public sealed record CreatorStatement(
    long CreatorId,
    DateOnly Month,
    bool Settled,
    long ReceivedCents,
    IReadOnlyList<ThingIncome> Things);

/// <summary>A thing's income in a month and from how many givers.</summary>
public sealed record ThingIncome(long ThingId, long AmountCents, int Givers);

/// <summary>The balances of the system accounts (see the sign convention in 0102_ledger.sql).</summary>
public sealed record SystemBalances(long ClearingCents, long FeesCents, long CharityCents, long PayoutsCents);
