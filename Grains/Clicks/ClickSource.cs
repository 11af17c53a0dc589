namespace Flattr.Clicks;

/// <summary>Where a click came from: a giver's own click, or a subscription's click for the month.</summary>
public enum ClickSource
{
    Click,
    Subscription,
}
