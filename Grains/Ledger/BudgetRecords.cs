namespace Flattr.Ledger;

/// <summary>A budget setting and the month it takes effect (amount 0 = paused).</summary>
public sealed record BudgetChange(long UserId, long AmountCents, DateOnly EffectiveMonth);

/// <summary>One row of a user's budget schedule: from <see cref="EffectiveMonth"/> on, the budget is <see cref="AmountCents"/>.</summary>
public sealed record BudgetPeriod(DateOnly EffectiveMonth, long AmountCents, DateTimeOffset SetAt);
