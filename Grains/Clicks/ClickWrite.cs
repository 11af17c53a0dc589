namespace Flattr.Clicks;

/// <summary>A click to record durably: the giver flattrs the thing in the month (first day of the month, UTC).</summary>
public sealed record ClickWrite(long GiverId, long ThingId, DateOnly Month, bool Anonymous = false, ClickSource Source = ClickSource.Click);
