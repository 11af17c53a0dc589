namespace Flattr.Clicks;

/// <summary>A recorded click.</summary>
public sealed record ClickRow(long GiverId, long ThingId, DateOnly Month, ClickSource Source, bool Anonymous, DateTimeOffset CreatedAt);
