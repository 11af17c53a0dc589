using Orleans;

namespace Flattr.Live;

/// <summary>
/// One day (UTC) of a creator's month: the clicks made that day on the creator's things and what they add to the month's
/// expected income (see <see cref="CreatorIncome"/>), in cents.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorDay")]
public sealed record CreatorDay(DateOnly Day, long Clicks, long ExpectedIncomeCents);
