using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Things;

/// <summary>
/// Registration, URL look-ups, listings and search over the <c>things</c> table. Holds no state (the unique URL index
/// decides), so several local activations ([StatelessWorker]) serve it side by side. Counts come from the thing grains' memory.
/// </summary>
[StatelessWorker]
public sealed class ThingRegistryGrain(ThingStore things, TimeProvider time) : Grain, IThingRegistryGrain
{
    const int MaximumPageSize = 100;

    public Task<ThingInfo> Register(long ownerId, ThingSubmission submission) =>
        things.InsertAsync(ownerId, ThingRules.Validate(submission), CancellationToken.None);

    public Task<long?> LookupByUrl(string url) =>
        ThingUrl.TryNormalise(url, out var normalised)
            ? things.FindByUrlAsync(normalised, CancellationToken.None)
            : Task.FromResult<long?>(null);

    public async Task<ThingInfo> GetOrCreate(AutoSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var valid = ThingRules.Validate(submission.Thing);
        for (var attempt = 0; ; attempt++)
        {
            if (await things.FindByUrlAsync(valid.Url, CancellationToken.None) is { } existingId)
            {
                var existing = await GrainFactory.GetThing(existingId).GetInfo();
                return existing.OwnerId == submission.OwnerId
                    ? existing
                    : throw new FlattrException(FlattrErrors.Validation, "Owner mismatch: that URL is registered to another user.");
            }

            try
            {
                return await things.InsertAsync(submission.OwnerId, valid, CancellationToken.None);
            }
            catch (FlattrException e) when (e.Code == FlattrErrors.Conflict && attempt == 0)
            {
                // Someone registered the URL between the look-up and the insert: use theirs (once; a second conflict is real).
            }
        }
    }

    public async Task<ImmutableArray<ThingSnapshot>> GetMany(ImmutableArray<long> thingIds)
    {
        if (thingIds.IsDefaultOrEmpty)
        {
            return [];
        }

        if (thingIds.Length > MaximumPageSize)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"At most {MaximumPageSize} things at once.");
        }

        // Only ids that exist, so no thing grain is activated for an id nobody registered.
        var known = (await things.GetManyAsync(thingIds.Distinct().ToArray(), CancellationToken.None)).Select(t => t.Id).ToHashSet();
        return await SnapshotsAsync(thingIds.Where(known.Contains));
    }

    public async Task<ThingPage> ListByOwner(long ownerId, bool includeHidden, int page, int count)
    {
        CheckPage(page, count);
        var (ids, total) = await things.ListByOwnerAsync(ownerId, includeHidden, page, count, CancellationToken.None);
        return new ThingPage(await SnapshotsAsync(ids), total, page, count);
    }

    public async Task<ThingPage> Search(ThingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPage(query.Page, query.Count);
        if (query.Text is { Length: > 200 })
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A search text is at most 200 characters.");
        }

        var (ids, total, more) = await things.SearchAsync(query, Month.Current(time), CancellationToken.None);
        return new ThingPage(await SnapshotsAsync(ids), total, query.Page, query.Count, more);
    }

    public Task<long> CountThings() => things.CountActiveAsync(CancellationToken.None);

    async Task<ImmutableArray<ThingSnapshot>> SnapshotsAsync(IEnumerable<long> ids)
    {
        var snapshots = await Task.WhenAll(ids.Select(id => GrainFactory.GetThing(id).GetSnapshot()));
        return [.. snapshots];
    }

    static void CheckPage(int page, int count)
    {
        if (page < 1 || count is < 1 or > MaximumPageSize)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"Pages start at 1 and hold 1 to {MaximumPageSize} things.");
        }
    }
}
