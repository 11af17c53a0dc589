namespace Flattr.Clicks;

/// <summary>
/// A thing's durable click count for a month. <see cref="Version"/> grows with every committed change, so
/// a reader applies an update only if its version is newer than the one it holds.
/// </summary>
public sealed record ThingMonthCount(long ThingId, Month Month, long Clicks, long Version);
