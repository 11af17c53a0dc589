using Orleans;

namespace Flattr.Statements;

/// <summary>
/// One line of a giver's statement: money that left the giver in the month, read from one ledger entry. Things are named for
/// <see cref="GiverStatementLineKind.Share"/> and <see cref="GiverStatementLineKind.Subscription"/> lines (0 and empty texts
/// otherwise); a <see cref="GiverStatementLineKind.DepositFee"/> line carries the deposit's amount and time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverStatementLine")]
public sealed record GiverStatementLine(
    GiverStatementLineKind Kind,
    long ThingId,
    string ThingTitle,
    string ThingUrl,
    long OwnerId,
    string OwnerUsername,
    long AmountCents,
    long DepositCents = 0,
    DateTimeOffset? DepositedAt = null);
