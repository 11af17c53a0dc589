using Orleans;

namespace Flattr.Users;

/// <summary>
/// What deleting an account means for its money. <see cref="IncomeToPayOutCents"/>: settled income still in the balance (income
/// received minus what was paid out, at most the balance); deletion is refused while it reaches the payout minimum
/// (<see cref="MinimumPayoutCents"/>) or while income is on its way (<see cref="IncomePending"/>: the account's things were
/// flattred in a month not yet settled). <see cref="KeptCents"/>: the rest of the balance, kept for
/// <see cref="KeptForMonths"/> months. <see cref="OpenMonthClicks"/> are withdrawn, <see cref="ActiveThings"/> deleted.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.AccountDeletion")]
public sealed record AccountDeletion(
    bool Allowed,
    bool Deleted,
    long BalanceCents,
    long IncomeToPayOutCents,
    long MinimumPayoutCents,
    bool IncomePending,
    long KeptCents,
    int KeptForMonths,
    int OpenMonthClicks,
    int ActiveThings);
