namespace Flattr.Clicks;

/// <summary>The outcome of one click or withdrawal, decided by the database in the click's batch.</summary>
public enum ClickWriteStatus
{
    /// <summary>The click was recorded; the result carries the thing's new count.</summary>
    Added,

    /// <summary>The giver already flattred this thing this month (flattr_once).</summary>
    Duplicate,

    /// <summary>The click was withdrawn; the result carries the thing's new count.</summary>
    Withdrawn,

    /// <summary>There was no such click to withdraw (not_found).</summary>
    NotClicked,

    /// <summary>The month is settling or settled (month_closed).</summary>
    MonthClosed,

    /// <summary>No such giver (not_found).</summary>
    GiverNotFound,

    /// <summary>No such thing (not_found).</summary>
    ThingNotFound,

    /// <summary>The thing is deleted (thing_inactive).</summary>
    ThingInactive,

    /// <summary>The giver owns the thing (flattr_owner).</summary>
    OwnThing,

    /// <summary>The giver has no budget for the month or no balance (no_means).</summary>
    NoMeans,
}
