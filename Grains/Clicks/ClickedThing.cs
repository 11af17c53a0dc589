namespace Flattr.Clicks;

/// <summary>The thing a click was added to, as the click's statement read it: what a wallet keeps about the click.</summary>
public sealed record ClickedThing(long ThingId, long OwnerId, string Title, string Url);
