using Orleans;

namespace Flattr.Things;

[GenerateSerializer, Alias("Flattr.ThingStatus")]
public enum ThingStatus
{
    Active,

    /// <summary>Kept for history and statements; takes no more flattrs (<c>thing_inactive</c>).</summary>
    Deleted,
}
