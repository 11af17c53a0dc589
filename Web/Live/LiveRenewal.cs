using Flattr.Trending;
using Orleans;

namespace Flattr.Web.Live;

/// <summary>
/// Keeps this host's observers registered: the trending board from start-up on, and every watched thing
/// and creator, renewed every 25 s because grains drop observers not renewed within a minute.
/// </summary>
public sealed partial class LiveRenewal(IGrainFactory grains, LiveBridge bridge, FeedWatch feed, ILogger<LiveRenewal> logger) : BackgroundService
{
    static readonly TimeSpan Period = TimeSpan.FromSeconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<ITrendingObserver>(feed);
        try
        {
            using var timer = new PeriodicTimer(Period);
            do
            {
                try
                {
                    await grains.GetTrending().Watch(reference);
                    await bridge.RenewAsync();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Any failure, a time-out's cancellation too: the next period tries again (the host must not stop).
                    LogRenewFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            grains.DeleteObjectReference<ITrendingObserver>(reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the live subscriptions failed; retrying at the next period")]
    static partial void LogRenewFailed(ILogger logger, Exception exception);
}
