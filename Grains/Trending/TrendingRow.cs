namespace Flattr.Trending;

/// <summary>A thing's heat as the database has it, and its total clicks in the same snapshot.</summary>
internal sealed record TrendingRow(TrendingThing Thing, long TotalClicks);
