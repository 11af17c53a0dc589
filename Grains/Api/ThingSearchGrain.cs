using Flattr.Things;
using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>The API's thing search: criteria checked here, matched in SQL, counts read from the thing grains.</summary>
[StatelessWorker]
public sealed class ThingSearchGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IThingSearchGrain
{
    const int MaximumTextLength = 200;

    readonly ThingSearchStore _things = new(dataSource);

    public async Task<ThingPage> Search(ThingSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        ApiRules.Page(search.Page, search.Count);
        if (search.Text is { Length: > MaximumTextLength })
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"A search text is at most {MaximumTextLength} characters.");
        }

        string? prefix = null;
        if (!string.IsNullOrWhiteSpace(search.UrlPrefix) && !ThingUrl.TryNormalise(search.UrlPrefix, out prefix))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"'{search.UrlPrefix}' is not a valid http(s) URL.");
        }

        var tags = string.IsNullOrWhiteSpace(search.Tags) ? null : TagExpression.Parse(search.Tags);
        var (ids, total, more) = await _things.SearchAsync(search with { UrlPrefix = prefix }, tags, time.GetUtcNow(), CancellationToken.None);
        var snapshots = ids.IsEmpty ? [] : await GrainFactory.GetThingRegistry().GetMany(ids);
        return new ThingPage(snapshots, total, search.Page, search.Count, more);
    }
}
