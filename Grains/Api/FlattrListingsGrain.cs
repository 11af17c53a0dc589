using System.Collections.Immutable;
using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>Flattr listings from the durable clicks: stateless, so local workers serve them side by side.</summary>
[StatelessWorker]
public sealed class FlattrListingsGrain(NpgsqlDataSource dataSource) : Grain, IFlattrListingsGrain
{
    readonly FlattrListingStore _flattrs = new(dataSource);

    public Task<FlattrListingPage> ByGiver(long giverId, bool asGiver, int page, int count)
    {
        ApiRules.Page(page, count);
        return _flattrs.ByGiverAsync(giverId, asGiver, page, count, CancellationToken.None);
    }

    public Task<FlattrListingPage> ByThing(long thingId, int page, int count)
    {
        ApiRules.Page(page, count);
        return _flattrs.ByThingAsync(thingId, page, count, CancellationToken.None);
    }

    public Task<ImmutableDictionary<long, long>> CountGivers(ImmutableArray<long> thingIds) =>
        thingIds.IsDefaultOrEmpty
            ? Task.FromResult(ImmutableDictionary<long, long>.Empty)
            : _flattrs.CountGiversAsync(thingIds, CancellationToken.None);

    public Task<FlattrListingPage> ToOwner(long ownerId, bool includeHidden, int page, int count)
    {
        ApiRules.Page(page, count);
        return _flattrs.ToOwnerAsync(ownerId, includeHidden, page, count, CancellationToken.None);
    }
}
