using Orleans;

namespace Flattr.Users;

/// <summary>
/// The answer to setting a budget. A giver's first budget applies to the current month; any later change applies
/// from the next month (<see cref="AppliesThisMonth"/> false, <see cref="EffectiveFrom"/> = next month).
/// An amount of 0 is a pause: no budget from <see cref="EffectiveFrom"/> on.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.BudgetChange")]
public sealed record BudgetChange(long AmountCents, Month EffectiveFrom, bool AppliesThisMonth);
