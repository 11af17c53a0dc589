using Flattr.Live;
using Microsoft.AspNetCore.SignalR;

namespace Flattr.Web.Live;

/// <summary>The observer of one thing grain for this web host: pushes its counts to the thing's group, coalesced.</summary>
sealed class ThingWatch : IThingObserver
{
    readonly Coalescer<ThingCountChanged?> _coalescer;

    public ThingWatch(long thingId, IHubContext<LiveHub> hub, TimeSpan interval, TimeProvider time)
    {
        ThingId = thingId;
        var group = LiveGroups.Thing(thingId);
        _coalescer = new(interval, time, change => change is null
            ? Task.CompletedTask
            : hub.Clients.Group(group).SendAsync(LiveMessages.Count, new LiveCount(change.ThingId, change.MonthClicks, change.TotalClicks)),
            static () => null);
    }

    public long ThingId { get; }

    /// <summary>Orleans' reference to this observer (made with the watch), which grains call; deleted when the last watcher leaves.</summary>
    public IThingObserver? Reference { get; set; }

    public Task OnCountChanged(ThingCountChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // Only the newest counts matter to a button: a burst collapses into its last state.
        _coalescer.Add(_ => change);
        return Task.CompletedTask;
    }
}
