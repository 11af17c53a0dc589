using System.Collections.Immutable;
using Flattr.Trending;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Live;

/// <summary>
/// This host's observer of the trending board (<see cref="ITrendingGrain"/>, the whole cluster's one board): it pushes the things
/// that moved to the trending group, coalesced (the whole service shares one stream, so at most a few pushes a second).
/// <see cref="LiveRenewal"/> keeps it subscribed.
/// </summary>
public sealed class FeedWatch : ITrendingObserver
{
    readonly Coalescer<ImmutableDictionary<long, TrendingEntry>> _coalescer;

    public FeedWatch(IHubContext<LiveHub> hub, IOptions<FlattrWebOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, options.Value.LiveUpdatesPerSecond));
        _coalescer = new(interval, time,
            moved => hub.Clients.Group(LiveGroups.Trending).SendAsync(LiveMessages.Trending, moved.Values.ToArray()),
            static () => ImmutableDictionary<long, TrendingEntry>.Empty);
    }

    public Task OnMoved(ImmutableArray<TrendingThing> moved)
    {
        if (!moved.IsDefaultOrEmpty)
        {
            _coalescer.Add(pending => pending.SetItems(moved.Select(thing => KeyValuePair.Create(thing.ThingId, ToEntry(thing)))));
        }

        return Task.CompletedTask;
    }

    static TrendingEntry ToEntry(TrendingThing thing) =>
        new(thing.ThingId, thing.Title, thing.Owner, thing.Category, thing.Language, thing.MonthClicks, thing.Heat, thing.At);
}
