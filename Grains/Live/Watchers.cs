using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Flattr.Live;

/// <summary>
/// The watchers of a live grain: Orleans' <see cref="ObserverManager{TObserver}"/> with expiry on the DI clock (so tests move
/// it with their time). A watcher lapses unless it renews within <see cref="Expiry"/>. Notifications are one-way calls, so a
/// watcher whose host died is not noticed by a failed call: it lapses with its last renewal.
/// </summary>
static class Watchers
{
    /// <summary>Clients renew every ~30 s (see the grain interfaces' <c>Watch</c>).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);

    public static ObserverManager<TObserver> Create<TObserver>(TimeProvider time, ILogger logger) =>
        new(Expiry, logger) { GetDateTime = () => time.GetUtcNow().UtcDateTime };
}
