namespace Flattr.Ledger;

/// <summary>One row of a user's budget schedule: from <see cref="EffectiveMonth"/> on, the budget is <see cref="AmountCents"/>.</summary>
public sealed record BudgetPeriod(Month EffectiveMonth, long AmountCents, DateTimeOffset SetAt);
