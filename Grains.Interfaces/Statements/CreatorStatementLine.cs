using Orleans;

namespace Flattr.Statements;

/// <summary>What one thing earned in a settled month, from how many givers.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.CreatorStatementLine")]
public sealed record CreatorStatementLine(long ThingId, string ThingTitle, string ThingUrl, int Givers, long AmountCents);
