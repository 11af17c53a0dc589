using Flattr.Wallets;

namespace Flattr.Clicks;

/// <summary>A click to record durably: the giver flattrs the thing in the month.</summary>
public sealed record ClickWrite(long GiverId, long ThingId, Month Month, bool Anonymous = false, ClickSource Source = ClickSource.Button);
