using Orleans;

namespace Flattr.Live;

/// <summary>
/// A creator's expected income for <see cref="Month"/>: for each giver who clicked the creator's things,
/// min(budget, balance) × (clicks on the creator's things ÷ all the giver's clicks), summed (an estimate until settlement).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorIncome")]
public sealed record CreatorIncome(long CreatorId, Month Month, long ExpectedIncomeCents, long ClicksThisMonth, int Givers);
