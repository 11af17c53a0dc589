namespace Flattr.Web.Tests.Statements;

/// <summary>
/// One generated month: users (a plan each; creators have an empty one) and things owned by them. Every user signs up, deposits
/// and sets a budget during the month, so the month is also the one their account was opened in.
/// </summary>
public sealed record StatementMonthCase(int[] ThingOwners, UserPlan[] Users)
{
    public override string ToString() =>
        $"thing owners [{string.Join(",", ThingOwners)}]: {string.Join(" | ", Users.Select(u => u.ToString()))}";
}

/// <summary>What one user does in the month (indexes into the month's things).</summary>
public sealed record UserPlan(long BudgetCents, long DepositCents, int[] Clicks, int[] Subscriptions)
{
    public override string ToString() =>
        $"budget {BudgetCents}, deposit {DepositCents}, clicks [{string.Join(",", Clicks)}], subscriptions [{string.Join(",", Subscriptions)}]";
}
