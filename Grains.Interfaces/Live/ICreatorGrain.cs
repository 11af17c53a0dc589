using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Live;

/// <summary>
/// A creator's live side (key = the creator's user id): expected income this month and the dashboard observers.
/// Holds nothing durable: it rebuilds its estimate from the click records when activated.
/// </summary>
[Alias("Flattr.ICreatorGrain")]
public interface ICreatorGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<CreatorIncome> GetIncome();

    /// <summary>
    /// Every day of <paramref name="month"/>, first to last, computed from the durable clicks by the same rule as
    /// <see cref="GetIncome"/>: the days' incomes add up to the month's expected income. A subscription click added when the
    /// month is settled counts on the month's last day.
    /// </summary>
    [ReadOnly]
    Task<ImmutableArray<CreatorDay>> GetDaily(Month month);

    /// <summary>
    /// Rebuilds the income from the database, reloads the counts of the creator's things (<see cref="Things.IThingGrain.Reload"/>)
    /// and tells the watchers (<see cref="ICreatorObserver.OnReconciled"/>): after a silo was lost, with whatever it had not yet
    /// passed on, the dashboards show the database's figures again.
    /// </summary>
    Task Reconcile();

    /// <summary>Subscribes or renews: subscriptions lapse after one minute, so renew every ~30 s.</summary>
    Task Watch(ICreatorObserver observer);

    Task Unwatch(ICreatorObserver observer);

    /// <summary>
    /// Called by the giver's wallet for each committed click or withdrawal on this creator's things: the event for the ticker
    /// (from the thing grain) and what the giver's clicks on this creator are worth now (from the wallet).
    /// </summary>
    [OneWay]
    Task OnFlattr(FlattrEvent flattr, GiverClickShare share);

    /// <summary>
    /// Called by the giver's wallet when the giver clicked or withdrew on another creator's thing: each click of theirs is now
    /// worth another share of their spend, so this creator's expected income changes too (no ticker event).
    /// </summary>
    [OneWay]
    Task OnShareChanged(GiverClickShare share);
}
