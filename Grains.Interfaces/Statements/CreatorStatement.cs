using System.Collections.Immutable;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Statements;

/// <summary>What one thing earned in a settled month, from how many givers.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorStatementLine")]
public sealed record CreatorStatementLine(long ThingId, string ThingTitle, string ThingUrl, int Givers, long AmountCents);

/// <summary>What a creator received in <see cref="Month"/> (empty until the month is settled).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorStatement")]
public sealed record CreatorStatement(long UserId, Month Month, MonthStatus Status, long TotalCents, ImmutableArray<CreatorStatementLine> Lines);
