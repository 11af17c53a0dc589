using System.Collections.Immutable;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Statements;

/// <summary>
/// What a creator received in <see cref="Month"/> (empty until the givers are settled), one line per thing read from the
/// ledger; <see cref="TotalCents"/> is the sum of the lines.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorStatement")]
public sealed record CreatorStatement(long UserId, Month Month, MonthStatus Status, ImmutableArray<CreatorStatementLine> Lines)
{
    public long TotalCents => Lines.Sum(l => l.AmountCents);
}
