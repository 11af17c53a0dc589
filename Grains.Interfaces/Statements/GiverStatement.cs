using System.Collections.Immutable;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Statements;

/// <summary>
/// What a giver paid in <see cref="Month"/>, as an account of the money: every line is read from the ledger (the month's
/// settlement or charity transaction and the fees of the month's deposits), and <see cref="SpentCents"/> is the sum of the
/// lines, so the two cannot disagree. Before the giver is settled only deposit fees appear. Under the policy <c>rollover</c>
/// a month with a budget and no clicks has a <see cref="GiverStatementLineKind.KeptForNextMonth"/> line of 0 and
/// <see cref="KeptCents"/> = what stayed in the balance.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverStatement")]
public sealed record GiverStatement(
    long UserId,
    Month Month,
    MonthStatus Status,
    long BudgetCents,
    long KeptCents,
    ImmutableArray<GiverStatementLine> Lines)
{
    /// <summary>What left the giver in the month: the sum of the lines.</summary>
    public long SpentCents => Lines.Sum(l => l.AmountCents);

    /// <summary>What went to the charity account (a budget and no clicks under the policy <c>charity</c>).</summary>
    public long CharityCents => Lines.Where(l => l.Kind == GiverStatementLineKind.Charity).Sum(l => l.AmountCents);
}
