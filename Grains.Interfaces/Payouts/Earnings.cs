using System.Collections.Immutable;
using Flattr.Statements;
using Orleans;

namespace Flattr.Payouts;

/// <summary>
/// A creator's money. <see cref="AvailableCents"/> may be paid out: settled income less payouts (failed ones given back) and
/// less what funds the user's own budget of the months not yet settled, never more than the balance (deposits are spent
/// first and are never paid out). <see cref="PendingCents"/> is the open month's expected income (an estimate until it is
/// settled). <see cref="Months"/>: each settled month with income, newest first, with the things that earned it.
/// <see cref="SettlingMonth"/> is set while a month is being settled (payouts wait), with an estimate of when to retry.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.Earnings")]
public sealed record Earnings(
    long UserId,
    long AvailableCents,
    long BalanceCents,
    long PendingCents,
    long MinimumPayoutCents,
    PayoutAccount? Account,
    ImmutableArray<CreatorStatement> Months,
    ImmutableArray<PayoutInfo> Payouts,
    Month? SettlingMonth,
    TimeSpan? RetryAfter);
