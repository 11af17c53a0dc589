using Orleans;

namespace Flattr.Users;

/// <summary>
/// The budget in force for <see cref="Month"/> (0 when none or paused) and, when a change is scheduled,
/// the amount from the next month on.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.BudgetSchedule")]
public sealed record BudgetSchedule(Month Month, long CurrentCents, long? NextMonthCents)
{
    public bool HasBudget => CurrentCents > 0;

    /// <summary>True when the giver never set a budget: the first one then applies to the current month at once.</summary>
    [Id(3)]
    public bool NeverSet { get; init; }
}
