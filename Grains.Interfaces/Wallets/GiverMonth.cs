using System.Collections.Immutable;
using Orleans;

namespace Flattr.Wallets;

/// <summary>
/// A giver's month: the budget in force, the balance now, what would be spent (min of the two), every click, and what
/// one click is worth now (smallest share of the largest-remainder split; with no clicks, the whole spend).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverMonth")]
public sealed record GiverMonth(
    long GiverId,
    Month Month,
    MonthStatus Status,
    long BudgetCents,
    long BalanceCents,
    long SpendCents,
    ImmutableArray<GiverClick> Clicks,
    long ValueOfOneClickCents);
