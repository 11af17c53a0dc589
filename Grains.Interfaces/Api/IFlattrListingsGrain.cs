using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// Who flattred what, read from the durable click records (singleton key <see cref="Singletons.Key"/>, local stateless
/// workers). Anonymous flattrs never appear in a listing anyone but their giver can see, nor do flattrs of hidden or
/// deleted things. Pages start at 1 and hold 1–100 flattrs (<c>invalid_parameters</c> otherwise).
/// </summary>
[Alias("Flattr.IFlattrListingsGrain")]
public interface IFlattrListingsGrain : IGrainWithIntegerKey
{
    /// <summary>A giver's flattrs. <paramref name="asGiver"/>: the giver is asking, so their anonymous flattrs and
    /// flattrs of hidden or deleted things are included.</summary>
    Task<FlattrListingPage> ByGiver(long giverId, bool asGiver, int page, int count);

    /// <summary>The flattrs of one thing, without anonymous ones.</summary>
    Task<FlattrListingPage> ByThing(long thingId, int page, int count);

    /// <summary>For each of the things, how many different givers flattred it of all time (Flattr's <c>flattrs_user_count</c>);
    /// things nobody flattred are left out.</summary>
    Task<ImmutableDictionary<long, long>> CountGivers(ImmutableArray<long> thingIds);

    /// <summary>Flattrs received by an owner's things (without anonymous ones); hidden things only when
    /// <paramref name="includeHidden"/> (the owner is asking).</summary>
    Task<FlattrListingPage> ToOwner(long ownerId, bool includeHidden, int page, int count);
}
