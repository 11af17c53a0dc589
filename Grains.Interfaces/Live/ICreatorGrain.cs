using Silo;
using Silo.Concurrency;

namespace Flattr.Live;

/// <summary>
/// A creator's live side (key = the creator's user id): expected income this month and the dashboard observers.
/// Holds nothing durable: it rebuilds its estimate from the click records when activated.
/// </summary>
public interface ICreatorGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<CreatorIncome> GetIncome();

    /// <summary>Subscribes or renews: subscriptions lapse after one minute, so renew every ~30 s.</summary>
    Task Watch(ICreatorObserver observer);

    Task Unwatch(ICreatorObserver observer);

    /// <summary>Called by thing grains for each committed click or withdrawal on this creator's things.</summary>
    [OneWay]
    Task OnFlattr(FlattrEvent flattr, GiverClickShare share);
}
