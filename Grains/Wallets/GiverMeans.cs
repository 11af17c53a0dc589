namespace Flattr.Wallets;

/// <summary>What a wallet loads about its giver and month: who they are, the budget in force, the balance, the month's status.</summary>
public sealed record GiverMeans(GiverProfile? Giver, long BudgetCents, long BalanceCents, MonthStatus StoredStatus);

/// <summary>The giver as shown to creators, and their default for anonymous flattrs.</summary>
public sealed record GiverProfile(long Id, string Username, string DisplayName, bool AnonymousByDefault);
