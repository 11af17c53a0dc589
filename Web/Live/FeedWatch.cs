using System.Collections.Immutable;
using System.Threading.Channels;
using Flattr.Live;
using Flattr.Web.Hosting;
using Flattr.Web.Public;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Live;

/// <summary>
/// This host's observer of the live feed (every thing's count changes). It only queues the change and returns, so the feed
/// grain is never held up by this host; <see cref="RunAsync"/> applies changes to the trending board and pushes the entries
/// that moved to the trending group, coalesced (the whole service shares one stream, so at most a few pushes a second).
/// </summary>
public sealed class FeedWatch : IThingObserver
{
    readonly TrendingBoard _board;
    readonly Coalescer<ImmutableDictionary<long, TrendingEntry>> _coalescer;
    readonly Channel<ThingCountChanged> _changes = Channel.CreateBounded<ThingCountChanged>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public FeedWatch(TrendingBoard board, IHubContext<LiveHub> hub, IOptions<FlattrWebOptions> options, TimeProvider time)
    {
        _board = board;
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, options.Value.LiveUpdatesPerSecond));
        _coalescer = new(interval, time,
            moved => hub.Clients.Group(LiveGroups.Trending).SendAsync(LiveMessages.Trending, moved.Values.ToArray()),
            static () => ImmutableDictionary<long, TrendingEntry>.Empty);
    }

    public Task OnCountChanged(ThingCountChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _changes.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken))
        {
            if (await _board.ApplyAsync(change, cancellationToken) is { } entry)
            {
                _coalescer.Add(moved => moved.SetItem(entry.ThingId, entry));
            }
        }
    }
}
