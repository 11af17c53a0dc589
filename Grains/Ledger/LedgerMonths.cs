namespace Flattr.Ledger;

/// <summary>
/// A giver's settled month as the ledger records it: the spend, each clicked thing's share, and what went to charity (a
/// budget and no clicks). Before settlement everything is zero and empty. The statement grain names the things.
/// </summary>
public sealed record GiverLedgerMonth(
    long GiverId,
    Month Month,
    bool Settled,
    long SpentCents,
    long CharityCents,
    IReadOnlyList<GiverShare> Shares);

/// <summary>One thing's share of a giver's spend.</summary>
public sealed record GiverShare(long ThingId, long OwnerId, long AmountCents);

/// <summary>What a creator received in a settled month, per thing, as the ledger records it.</summary>
public sealed record CreatorLedgerMonth(
    long CreatorId,
    Month Month,
    bool Settled,
    long ReceivedCents,
    IReadOnlyList<ThingIncome> Things);

/// <summary>A thing's income in a month and from how many givers.</summary>
public sealed record ThingIncome(long ThingId, long AmountCents, int Givers);

/// <summary>The balances of the system accounts (see the sign convention in 0102_ledger.sql).</summary>
public sealed record SystemBalances(long ClearingCents, long FeesCents, long CharityCents, long PayoutsCents);
