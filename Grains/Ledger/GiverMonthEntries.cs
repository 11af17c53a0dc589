using Flattr.Statements;

namespace Flattr.Ledger;

/// <summary>
/// Every ledger entry that took money from a giver in a month (the credits of the month's settlement or charity transaction and
/// the fees of the deposits made in the month), and what the policy <c>rollover</c> kept in the balance.
/// </summary>
public sealed record GiverMonthEntries(long GiverId, Month Month, IReadOnlyList<GiverMonthEntry> Entries, long KeptCents);

/// <summary>One credit entry of a giver's month; the deposit's amount and time for a fee.</summary>
public sealed record GiverMonthEntry(GiverStatementLineKind Kind, long ThingId, long OwnerId, long AmountCents, long DepositCents,
    DateTimeOffset? DepositedAt);
