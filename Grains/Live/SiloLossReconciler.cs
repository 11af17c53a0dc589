using Flattr.Things;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Live;

/// <summary>
/// When the cluster declares a silo dead, the grains on this silo that mirror database counts read them again. A wallet on
/// the lost silo may have committed a click (it is in the database, and its retry is answered "already flattred") and died
/// before telling the thing and the creator; no later click may come to correct them. So every thing here reloads its counts
/// and tells its watchers, and every creator here rebuilds its income and sends its dashboards the figures again.
/// The grains that were on the lost silo need nothing: they activate elsewhere and load from the database.
/// </summary>
public sealed partial class SiloLossReconciler(IClusterMembershipService membership, IGrainFactory grains, LiveMirrors mirrors,
    ILogger<SiloLossReconciler> logger) : BackgroundService
{
    const int Parallel = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? dead = null;
        // A failure (a reconciliation's database or cluster call, the membership stream itself) is logged and the stream read
        // again after a pause: the reconciler outlives it, and a silo lost meanwhile shows in the next view.
        var retry = BackgroundRetry.Pipeline(TimeProvider.System, (e, pause) => LogRetrying(logger, pause, e));
        try
        {
            await retry.ExecuteAsync(async token =>
            {
                await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(token))
                {
                    var now = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
                    // The first view lists silos that died before this one started: their grains were never mirrored here.
                    var lost = dead is null ? [] : now.Except(dead).ToList();
                    dead = now;
                    if (lost.Count > 0)
                    {
                        await ReconcileAsync(lost, token);
                    }
                }
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    async Task ReconcileAsync(List<SiloAddress> lost, CancellationToken cancellationToken)
    {
        var things = mirrors.Things.Snapshot();
        var creators = mirrors.Creators.Snapshot();
        LogReconciling(logger, string.Join(", ", lost), things.Count, creators.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken };
        await System.Threading.Tasks.Parallel.ForEachAsync(things, options, async (id, _) => await BestEffortAsync(() => grains.GetThing(id).Reload()));
        await System.Threading.Tasks.Parallel.ForEachAsync(creators, options, async (id, _) => await BestEffortAsync(() => grains.GetCreator(id).Reconcile()));
    }

    async Task BestEffortAsync(Func<Task> reload)
    {
        try
        {
            await reload();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A thing deleted meanwhile, or the database or cluster busy (whatever it threw): the next click or rebuild corrects it.
            LogReloadFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Lost} was declared dead: {Things} things and {Creators} creators here reload their counts")]
    static partial void LogReconciling(ILogger logger, string lost, int things, int creators);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the cluster's membership failed; reading it again in {Pause}")]
    static partial void LogRetrying(ILogger logger, TimeSpan pause, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A count reload after a silo's loss failed: {Reason}")]
    static partial void LogReloadFailed(ILogger logger, string reason);
}
