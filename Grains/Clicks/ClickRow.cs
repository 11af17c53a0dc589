using Flattr.Wallets;

namespace Flattr.Clicks;

/// <summary>A recorded click.</summary>
public sealed record ClickRow(long GiverId, long ThingId, Month Month, ClickSource Source, bool Anonymous, DateTimeOffset CreatedAt);
