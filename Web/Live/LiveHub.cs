using Flattr.Web.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace Flattr.Web.Live;

/// <summary>
/// The one hub (<c>/live</c>). Pages join groups; everything they receive is pushed by <see cref="LiveBridge"/>
/// from grain observers. A creator may join only their own ticker: the check happens here, when joining.
/// </summary>
public sealed class LiveHub(LiveBridge bridge) : Hub
{
    public const string Path = "/live";

    public Task WatchThing(long thingId) => bridge.WatchThingAsync(Context.ConnectionId, thingId, Context.ConnectionAborted);

    public Task UnwatchThing(long thingId) => bridge.UnwatchThingAsync(Context.ConnectionId, thingId);

    public Task WatchCreator(long creatorId)
    {
        if (Context.User?.UserId() is not { } userId || userId != creatorId)
        {
            throw new HubException("forbidden: a creator's live ticker is only for that creator.");
        }

        return bridge.WatchCreatorAsync(Context.ConnectionId, creatorId, Context.ConnectionAborted);
    }

    public Task WatchTrending() => Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Trending, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => bridge.ReleaseConnectionAsync(Context.ConnectionId);
}
