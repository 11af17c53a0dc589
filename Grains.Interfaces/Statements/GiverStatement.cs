using System.Collections.Immutable;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Statements;

/// <summary>One share a giver paid for a thing in a settled month.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverStatementLine")]
public sealed record GiverStatementLine(long ThingId, string ThingTitle, string ThingUrl, long OwnerId, string OwnerUsername, long AmountCents);

/// <summary>
/// What a giver gave in <see cref="Month"/>. Before settlement, <see cref="Lines"/> is empty and <see cref="SpentCents"/> 0;
/// after it, the lines add up to <see cref="SpentCents"/> minus <see cref="CharityCents"/> (a month with a budget and no clicks
/// goes to charity under the default policy).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverStatement")]
public sealed record GiverStatement(
    long UserId,
    Month Month,
    MonthStatus Status,
    long BudgetCents,
    long SpentCents,
    long CharityCents,
    ImmutableArray<GiverStatementLine> Lines);
