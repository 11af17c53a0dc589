namespace Flattr.Clicks;

/// <summary>
/// The outcome of a click or withdrawal. <see cref="Count"/> is the thing's (month, clicks, version) after
/// the batch that changed it; it is set only for <see cref="ClickWriteStatus.Added"/> and
/// <see cref="ClickWriteStatus.Withdrawn"/>.
/// </summary>
public sealed record ClickWriteResult(ClickWriteStatus Status, ThingMonthCount? Count)
{
    /// <summary>For an added click, the thing's owner, title and URL, read in the same statement (so no one has to ask the thing).</summary>
    public ClickedThing? Thing { get; init; }

    public bool Succeeded => Status is ClickWriteStatus.Added or ClickWriteStatus.Withdrawn;

    /// <summary>The Flattr error code for a refused write, or null when it succeeded.</summary>
    public string? ErrorCode => Status switch
    {
        ClickWriteStatus.Added or ClickWriteStatus.Withdrawn => null,
        ClickWriteStatus.Duplicate => FlattrErrors.FlattrOnce,
        ClickWriteStatus.OwnThing => FlattrErrors.FlattrOwner,
        ClickWriteStatus.ThingInactive => FlattrErrors.ThingInactive,
        ClickWriteStatus.NoMeans => FlattrErrors.NoMeans,
        ClickWriteStatus.MonthClosed => FlattrErrors.MonthClosed,
        _ => FlattrErrors.NotFound,
    };
}
