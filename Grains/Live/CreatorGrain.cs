using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Flattr.Things;
using Orleans.Utilities;

namespace Flattr.Live;

/// <summary>
/// A creator's live side: the expected income of the current month and the dashboard watchers. The estimate is rebuilt
/// from the durable clicks on activation, at each new month and every few minutes (a giver's clicks on other creators'
/// things change what their clicks here are worth, and those clicks are not sent here); between rebuilds each click
/// event updates the giver's share at once. Memory only: live numbers never drive money.
/// </summary>
public sealed class CreatorGrain(CreatorIncomeStore store, ThingStore things, TimeProvider time, LiveMirrors mirrors, ILogger<CreatorGrain> logger)
    : Grain, ICreatorGrain
{
    static readonly TimeSpan s_rebuildPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The things a dashboard shows (its first page), whose counts <see cref="Reconcile"/> reloads.</summary>
    const int DashboardThings = 100;

    readonly Dictionary<long, GiverClickShare> _shares = [];

    // The newest share's stamp per giver: an older one arriving late is ignored.
    readonly Dictionary<long, long> _stamps = [];
    ObserverManager<ICreatorObserver>? _observers;
    Month _month;
    long _expected;
    long _clicks;

    long CreatorId => this.GetPrimaryKeyLong();

    ObserverManager<ICreatorObserver> Observers => _observers ??= Watchers.Create<ICreatorObserver>(time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RebuildAsync(cancellationToken);
        this.RegisterGrainTimer(RebuildAsync, new GrainTimerCreationOptions { DueTime = s_rebuildPeriod, Period = s_rebuildPeriod });
        mirrors.Creators.Add(CreatorId);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        mirrors.Creators.Remove(CreatorId);
        return Task.CompletedTask;
    }

    public async Task Reconcile()
    {
        await RebuildAsync(CancellationToken.None);
        if (_observers is not { Count: > 0 } observers)
        {
            return;
        }

        var (ids, _) = await things.ListByOwnerAsync(CreatorId, includeHidden: true, 1, DashboardThings, CancellationToken.None);
        await Task.WhenAll(ids.Select(id => GrainFactory.GetThing(id).Reload()));
        var income = Income();
        await observers.Notify(observer => observer.OnReconciled(income));
    }

    public async Task<CreatorIncome> GetIncome()
    {
        await EnsureCurrentMonthAsync();
        return Income();
    }

    public async Task<ImmutableArray<CreatorDay>> GetDaily(Month month)
    {
        var rows = await store.DailySharesAsync(CreatorId, month, CancellationToken.None);
        var dayCount = month.Next().FirstDay.DayNumber - month.FirstDay.DayNumber;
        var clicks = new long[dayCount];
        var income = new long[dayCount];
        foreach (var giver in rows.GroupBy(row => row.GiverId))
        {
            // A day adds the worth of the giver's clicks up to that day less their worth up to the day before: each
            // figure follows the monthly rule, and the days add up to exactly the giver's monthly worth.
            var clicksSoFar = 0;
            var worthSoFar = 0L;
            foreach (var day in giver)
            {
                clicksSoFar += day.ClicksOnCreator;
                var worth = Worth(new GiverClickShare(giver.Key, month, day.GiverSpendCents, day.GiverClicks, clicksSoFar));
                var index = day.Day.DayNumber - month.FirstDay.DayNumber;
                clicks[index] += day.ClicksOnCreator;
                income[index] += worth - worthSoFar;
                worthSoFar = worth;
            }
        }

        return [.. Enumerable.Range(0, dayCount).Select(i => new CreatorDay(month.FirstDay.AddDays(i), clicks[i], income[i]))];
    }

    public async Task Watch(ICreatorObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        // A watcher new to this activation (this grain was just activated, e.g. on another silo after its own was lost, and the
        // host renews its watch here) gets the figures at once: it may have missed clicks while the grain was moving.
        var known = Observers.Contains(observer);
        Observers.Subscribe(observer, observer);
        if (!known)
        {
            await EnsureCurrentMonthAsync();
            _ = observer.OnReconciled(Income());
        }
    }

    public Task Unwatch(ICreatorObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task OnFlattr(FlattrEvent flattr, GiverClickShare share)
    {
        ArgumentNullException.ThrowIfNull(flattr);
        ArgumentNullException.ThrowIfNull(share);
        await EnsureCurrentMonthAsync();
        if (share.Month == _month && Newest(share))
        {
            Take(share);
        }

        if (_observers is { Count: > 0 } observers)
        {
            var income = Income();
            await observers.Notify(observer => observer.OnFlattr(flattr, income));
        }
    }

    public async Task OnShareChanged(GiverClickShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        await EnsureCurrentMonthAsync();
        if (share.Month == _month && _shares.ContainsKey(share.GiverId) && Newest(share))
        {
            Take(share);
        }
    }

    bool Newest(GiverClickShare share)
    {
        if (_stamps.TryGetValue(share.GiverId, out var seen) && seen > share.Stamp)
        {
            return false;
        }

        _stamps[share.GiverId] = share.Stamp;
        return true;
    }

    void Take(GiverClickShare share)
    {
        if (_shares.Remove(share.GiverId, out var old))
        {
            _expected -= Worth(old);
            _clicks -= old.ClicksOnCreator;
        }

        if (share.ClicksOnCreator > 0)
        {
            _shares[share.GiverId] = share;
            _expected += Worth(share);
            _clicks += share.ClicksOnCreator;
        }
    }

    /// <summary>The giver's spend split equally over their clicks, times the clicks on this creator (rounded down: an estimate).</summary>
    static long Worth(GiverClickShare share) =>
        share.GiverClicks <= 0 ? 0 : share.GiverSpendCents * Math.Min(share.ClicksOnCreator, share.GiverClicks) / share.GiverClicks;

    CreatorIncome Income() => new(CreatorId, _month, _expected, _clicks, _shares.Count);

    async Task EnsureCurrentMonthAsync()
    {
        if (Month.Current(time) != _month)
        {
            await RebuildAsync(CancellationToken.None);
        }
    }

    async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var month = Month.Current(time);
        var shares = await store.SharesAsync(CreatorId, month, cancellationToken);
        _month = month;
        _shares.Clear();
        _stamps.Clear();
        _expected = 0;
        _clicks = 0;
        foreach (var share in shares)
        {
            Take(share);
        }
    }
}
