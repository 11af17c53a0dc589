namespace Flattr.Things;

public enum ThingStatus
{
    Active,

    /// <summary>Kept for history and statements; takes no more flattrs (<c>thing_inactive</c>).</summary>
    Deleted,
}
