using Orleans;

namespace Flattr.Users;

/// <summary>
/// A giver's current month at a glance. <see cref="ValueOfOneClickCents"/> is what each click would be worth if the
/// month were settled now: min(budget, balance) split over the clicks by the largest-remainder rule (the smallest
/// share; with no clicks yet, what a first click would receive).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.AccountSummary")]
public sealed record AccountSummary(
    long UserId,
    Month Month,
    long BudgetCents,
    long? NextMonthBudgetCents,
    long BalanceCents,
    int ClicksThisMonth,
    long ValueOfOneClickCents);
