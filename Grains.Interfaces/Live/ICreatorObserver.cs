using Orleans;
using Orleans.Concurrency;

namespace Flattr.Live;

/// <summary>Receives every click and withdrawal on a creator's things (through <see cref="ICreatorGrain.Watch"/>).</summary>
[Alias("Flattr.ICreatorObserver")]
public interface ICreatorObserver : IGrainObserver
{
    /// <summary>
    /// One event and the creator's whole income after it (expected income, clicks, givers), so a dashboard shows the
    /// grain's figures rather than adding events up itself. One-way: live pushes are best effort, and the grain does not wait
    /// for a dashboard's host (a watcher that stops renewing lapses after a minute).
    /// </summary>
    [OneWay]
    Task OnFlattr(FlattrEvent flattr, CreatorIncome income);

    /// <summary>The creator's figures and things' counts were read again from the database (<see cref="ICreatorGrain.Reconcile"/>).</summary>
    [OneWay]
    Task OnReconciled(CreatorIncome income);
}
