using System.Collections.Immutable;
using Flattr.Clicks;
using Flattr.Diagnostics;
using Flattr.Live;
using Flattr.Subscriptions;
using Flattr.Things;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Wallets;

/// <summary>
/// A giver's month: the set of things clicked (loaded on activation), budget and balance, and the click rules checked in
/// memory before the durable write. Non-reentrant on purpose: one click of a giver at a time is what makes the in-memory
/// once-per-thing check exact; different givers' wallets run in parallel and share group commits in the click store.
/// A click is acknowledged only after its batch committed; then the thing's count and the live notifications follow.
/// The giver's rules (once per thing, means, open month) are checked here in memory; the thing's rules by the click's statement.
/// </summary>
public sealed partial class WalletGrain(
    ClickStore clickStore,
    SubscriptionStore subscriptionStore,
    WalletStore wallets,
    ThingStore things,
    TimeProvider time,
    ILogger<WalletGrain> logger)
    : Grain, IWalletGrain
{
    readonly Dictionary<long, GiverClick> _clicks = [];

    // Clicks per owner of the clicked things, kept with _clicks: every click reports the giver's share of its creator.
    readonly Dictionary<long, int> _clicksByOwner = [];
    long _giverId;
    long _shareStamp;
    Month _month;
    string? _keyError;
    GiverMeans _means = new(null, 0, 0, MonthStatus.Open);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _giverId = this.GetPrimaryKeyLong(out var extension);
        if (!Month.TryParse(extension, out _month))
        {
            _keyError = $"'{extension}' is not a month (yyyy-MM).";
            return;
        }

        _means = await wallets.LoadAsync(_giverId, _month, cancellationToken);
        if (_means.Giver is not null)
        {
            await LoadClicksAsync(cancellationToken);
        }
    }

    /// <summary>A giver's flattr, counted as accepted or refused (by its error code) on Flattr's meter.</summary>
    public async Task<FlattrResult> Flattr(long thingId, bool anonymous)
    {
        try
        {
            var result = await FlattrOnceAsync(thingId, anonymous);
            FlattrInstruments.ClicksAccepted.Add(1);
            return result;
        }
        catch (Exception e)
        {
            FlattrInstruments.ClicksRefused.Add(1, new KeyValuePair<string, object?>("reason", e is FlattrException f ? f.Code : "error"));
            throw;
        }
    }

    async Task<FlattrResult> FlattrOnceAsync(long thingId, bool anonymous)
    {
        // The rules in their stated order (README, "Flattring: the order of the rules"): giver, open month, the thing exists,
        // takes flattrs and is not one's own, once a month, then means. The thing's rules are the database's on the way in;
        // a refusal found earlier in memory asks the thing first, so it is never named before a rule that comes earlier.
        var giver = RequireGiver();
        RequireOpenForClicks();
        if (_clicks.ContainsKey(thingId))
        {
            await RequireClickableAsync(thingId, FlattrErrors.FlattrOwner);
            throw new FlattrException(FlattrErrors.FlattrOnce, $"You already flattred thing {thingId} in {_month}.");
        }

        if (!await HasMeansNowAsync())
        {
            await RequireClickableAsync(thingId, FlattrErrors.FlattrOwner);
            throw NoMeans();
        }

        return await CommitAsync(giver, thingId, anonymous)
            ?? throw new FlattrException(FlattrErrors.FlattrOnce, $"You already flattred thing {thingId} in {_month}.");
    }

    public async Task<FlattrResult> FlattrAutoSubmit(AutoSubmission submission, bool anonymous)
    {
        ArgumentNullException.ThrowIfNull(submission);
        RequireGiver();
        RequireOpenForClicks();
        if (submission.OwnerId == _giverId)
        {
            throw new FlattrException(FlattrErrors.FlattrOwner, "You cannot flattr your own thing.");
        }

        // Means first, so a giver who cannot flattr does not create things by trying.
        await RequireMeansAsync();
        var thing = await GrainFactory.GetThingRegistry().GetOrCreate(submission);
        return await Flattr(thing.Id, anonymous);
    }

    public async Task<WithdrawalResult> Withdraw(long thingId)
    {
        RequireGiver();
        if (_month > Month.Current(time))
        {
            throw new FlattrException(FlattrErrors.MonthClosed, $"{_month} has not begun.");
        }

        if (_means.StoredStatus != MonthStatus.Open)
        {
            throw new FlattrException(FlattrErrors.MonthClosed, $"{_month} is {_means.StoredStatus.ToString().ToLowerInvariant()}: its clicks stay.");
        }

        if (!_clicks.TryGetValue(thingId, out var click))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"You did not flattr thing {thingId} in {_month}.");
        }

        var result = await clickStore.WithdrawAsync(_giverId, thingId, _month, CancellationToken.None);
        if (result.Status == ClickWriteStatus.NotClicked)
        {
            Release(thingId);
        }

        await ThrowIfRefusedAsync(result, thingId);
        Release(thingId);
        var count = result.Count!;
        var giver = click.Anonymous ? null : Identity(_means.Giver!);
        var change = new ThingCountChange(thingId, count.Month, count.Clicks, count.Version, Withdrawal: true, time.GetUtcNow(), giver);
        await ApplyToThingAsync(change, click.OwnerId);
        return new WithdrawalResult(_giverId, thingId, _month, count.Clicks, _clicks.Count, ValueOfOneClick(_means));
    }

    public async Task<GiverMonth> GetMonth()
    {
        RequireGiver();

        // A month other than the open current one may be settling or settled by now: read it fresh (without keeping it,
        // since this is a read-only call).
        var means = _month == Month.Current(time) && _means.StoredStatus == MonthStatus.Open
            ? _means
            : await wallets.LoadAsync(_giverId, _month, CancellationToken.None);
        var status = means.StoredStatus == MonthStatus.Open && _month < Month.Current(time) ? MonthStatus.Ended : means.StoredStatus;
        var clicks = _clicks.Values.OrderBy(c => c.At).ThenBy(c => c.ThingId).ToImmutableArray();
        return new GiverMonth(_giverId, _month, status, means.BudgetCents, means.BalanceCents, Spend(means), clicks, ValueOfOneClick(means));
    }

    public Task<bool> HasFlattred(long thingId) => Task.FromResult(_clicks.ContainsKey(thingId));

    public async Task RefreshMeans()
    {
        RequireKey();
        _means = await wallets.LoadAsync(_giverId, _month, CancellationToken.None);
    }

    public async Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term)
    {
        var giver = RequireGiver();
        RequireOpenForClicks();
        var target = await RequireClickableAsync(thingId, FlattrErrors.ThingOwner);
        SubscriptionResult subscribed;
        try
        {
            subscribed = await subscriptionStore.SubscribeAsync(_giverId, thingId, term == SubscriptionTerm.UntilCancelled ? null : (int)term,
                CancellationToken.None);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.Conflict)
        {
            // The store's conflict is the subscription that already runs: say so with the API's own code.
            throw new FlattrException(FlattrErrors.Subscribed, $"You already subscribe to thing {thingId}.", e);
        }

        // The subscription stands even when its first click is refused (e.g. the month closed meanwhile): the settlement
        // materialises the click of every month in its term.
        var click = subscribed.CurrentMonthClick;
        if (click.Status == ClickWriteStatus.Duplicate)
        {
            await LoadClicksAsync(CancellationToken.None);
        }
        else if (click.Succeeded)
        {
            await TakeCommittedClickAsync(giver, target, anonymous: false, ClickSource.Subscription, click);
        }

        return SubscriptionMapping.ToInfo(subscribed.Subscription, target.Title, _month);
    }

    /// <summary>
    /// Writes the click durably; null when the database already had it (the held set is then refreshed). The thing's rules
    /// (it exists, takes flattrs, is not the giver's own) are checked by the click's own statement, which also returns the
    /// thing's owner, title and URL: asking the thing grain first would cost every accepted click a grain call for a check
    /// the database makes anyway.
    /// </summary>
    async Task<FlattrResult?> CommitAsync(GiverProfile giver, long thingId, bool anonymous)
    {
        var result = await clickStore.AddAsync(
            new ClickWrite(_giverId, thingId, _month, anonymous, ClickSource.Button), CancellationToken.None);
        if (result.Status == ClickWriteStatus.Duplicate)
        {
            // Another writer (a subscription's materialisation, another process) clicked it first: take the truth from the database.
            await LoadClicksAsync(CancellationToken.None);
            return null;
        }

        await ThrowIfRefusedAsync(result, thingId);
        var thing = result.Thing ?? throw new InvalidOperationException($"The click on thing {thingId} was added without the thing's details.");
        var target = new ClickTarget(thingId, thing.OwnerId, ThingStatus.Active, thing.Title, thing.Url);
        return await TakeCommittedClickAsync(giver, target, anonymous, ClickSource.Button, result);
    }

    /// <summary>Holds a committed click in memory and moves the thing's count.</summary>
    async Task<FlattrResult> TakeCommittedClickAsync(GiverProfile giver, ClickTarget target, bool anonymous, ClickSource source,
        ClickWriteResult result)
    {
        var at = time.GetUtcNow();
        Hold(new GiverClick(target.ThingId, target.Title, target.Url, target.OwnerId, at, anonymous, source));
        var count = result.Count!;
        var change = new ThingCountChange(target.ThingId, count.Month, count.Clicks, count.Version, Withdrawal: false, at,
            anonymous ? null : Identity(giver));
        var flattr = await ApplyToThingAsync(change, target.OwnerId);
        return new FlattrResult(_giverId, target.ThingId, _month, anonymous, at, count.Clicks, flattr?.ThingTotalClicks ?? count.Clicks,
            _clicks.Count, ValueOfOneClick(_means));
    }

    /// <summary>
    /// Moves the thing grain's count (it follows the database by version), then tells the thing's creator what happened and
    /// what this giver's clicks on them are worth now. Neither can undo the committed click: a failure is logged.
    /// </summary>
    async Task<FlattrEvent?> ApplyToThingAsync(ThingCountChange change, long ownerId)
    {
        try
        {
            var flattr = await ApplyWhileTheClusterHealsAsync(change);
            GrainFactory.GetCreator(ownerId).OnFlattr(flattr, Share(ownerId)).Ignore(logger);
            // The giver's other creators: their shares of this giver's spend changed with the number of clicks.
            foreach (var other in _clicksByOwner.Keys.Where(other => other != ownerId))
            {
                GrainFactory.GetCreator(other).OnShareChanged(Share(other)).Ignore(logger);
            }

            return flattr;
        }
#pragma warning disable CA1031 // The click is committed whatever went wrong here; the thing reloads its count from the database on its next activation.
        catch (Exception e)
#pragma warning restore CA1031
        {
            CountUpdateFailed(logger, change.ThingId, e);
            return null;
        }
    }

    /// <summary>
    /// The count change, tried again when the cluster rejected it: the thing's silo was lost and the call reached it before the
    /// membership (and then the directory) knew. A few tries a second apart outlast the loss of a silo on the settings in
    /// <c>.ci/cluster.env</c>; otherwise the thing would show a count short of the database until its next click.
    /// </summary>
    async Task<FlattrEvent> ApplyWhileTheClusterHealsAsync(ThingCountChange change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrainFactory.GetThing(change.ThingId).ApplyCountChange(change);
            }
            catch (OrleansMessageRejectionException) when (attempt < CountChangeAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    const int CountChangeAttempts = 4;

    async Task<ClickTarget> RequireClickableAsync(long thingId, string ownCode)
    {
        // In the click statement's order: the thing exists (the grain throws not_found), takes flattrs, is not one's own.
        var target = await GrainFactory.GetThing(thingId).GetClickTarget();
        if (target.Status != ThingStatus.Active)
        {
            throw new FlattrException(FlattrErrors.ThingInactive, $"Thing {thingId} was deleted and takes no more flattrs.");
        }

        return target.OwnerId != _giverId ? target : throw new FlattrException(ownCode, "You cannot flattr your own thing.");
    }

    /// <summary>Means are cached; a cached "no" is checked again, since a deposit or a first budget may have come since.</summary>
    async Task RequireMeansAsync()
    {
        if (!await HasMeansNowAsync())
        {
            throw NoMeans();
        }
    }

    async Task<bool> HasMeansNowAsync()
    {
        if (!HasMeans(_means))
        {
            _means = await wallets.LoadAsync(_giverId, _month, CancellationToken.None);
        }

        return HasMeans(_means);
    }

    FlattrException NoMeans() => new(FlattrErrors.NoMeans,
        _means.BudgetCents <= 0 ? $"You have no budget for {_month}: set one to flattr." : "Your balance is empty: top up to flattr.");

    async Task ThrowIfRefusedAsync(ClickWriteResult result, long thingId)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Status is ClickWriteStatus.NoMeans or ClickWriteStatus.MonthClosed)
        {
            _means = await wallets.LoadAsync(_giverId, _month, CancellationToken.None);
        }

        throw new FlattrException(result.ErrorCode!, result.Status switch
        {
            ClickWriteStatus.NotClicked => $"You did not flattr thing {thingId} in {_month}.",
            ClickWriteStatus.MonthClosed => $"{_month} is closed for clicks.",
            ClickWriteStatus.GiverNotFound => $"There is no user {_giverId}.",
            ClickWriteStatus.ThingNotFound => $"There is no thing {thingId}.",
            ClickWriteStatus.ThingInactive => $"Thing {thingId} was deleted and takes no more flattrs.",
            ClickWriteStatus.OwnThing => "You cannot flattr your own thing.",
            ClickWriteStatus.NoMeans => "You have no budget or no balance for this month.",
            _ => $"The click on thing {thingId} was refused ({result.Status}).",
        });
    }

    async Task LoadClicksAsync(CancellationToken cancellationToken)
    {
        var rows = await clickStore.ListForGiverAsync(_giverId, _month, cancellationToken);
        var infos = (await things.GetManyAsync(rows.Select(r => r.ThingId).ToArray(), cancellationToken)).ToDictionary(t => t.Id);
        _clicks.Clear();
        _clicksByOwner.Clear();
        foreach (var row in rows)
        {
            var info = infos[row.ThingId];
            Hold(new GiverClick(row.ThingId, info.Title, info.Url, info.OwnerId, row.CreatedAt, row.Anonymous, row.Source));
        }
    }

    GiverProfile RequireGiver()
    {
        RequireKey();
        return _means.Giver ?? throw new FlattrException(FlattrErrors.NotFound, $"There is no user {_giverId}.");
    }

    void RequireKey()
    {
        if (_keyError is not null)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, _keyError);
        }
    }

    /// <summary>Clicks go only to the current month (per the DI clock) while the database still has it open.</summary>
    void RequireOpenForClicks()
    {
        var current = Month.Current(time);
        if (_month != current)
        {
            throw new FlattrException(FlattrErrors.MonthClosed,
                _month < current ? $"{_month} is over: clicks go to {current}." : $"{_month} has not begun.");
        }

        if (_means.StoredStatus != MonthStatus.Open)
        {
            throw new FlattrException(FlattrErrors.MonthClosed, $"{_month} is closed for clicks.");
        }
    }

    GiverClickShare Share(long ownerId)
    {
        _shareStamp = Math.Max(_shareStamp + 1, time.GetUtcNow().UtcTicks);
        return new(_giverId, _month, Spend(_means), _clicks.Count, _clicksByOwner.GetValueOrDefault(ownerId)) { Stamp = _shareStamp };
    }

    void Hold(GiverClick click)
    {
        Release(click.ThingId);
        _clicks[click.ThingId] = click;
        _clicksByOwner[click.OwnerId] = _clicksByOwner.GetValueOrDefault(click.OwnerId) + 1;
    }

    void Release(long thingId)
    {
        if (_clicks.Remove(thingId, out var click))
        {
            var left = _clicksByOwner.GetValueOrDefault(click.OwnerId) - 1;
            if (left > 0)
            {
                _clicksByOwner[click.OwnerId] = left;
            }
            else
            {
                _clicksByOwner.Remove(click.OwnerId);
            }
        }
    }

    static bool HasMeans(GiverMeans means) => means.BudgetCents > 0 && means.BalanceCents > 0;

    static long Spend(GiverMeans means) => Math.Max(0, Math.Min(means.BudgetCents, means.BalanceCents));

    /// <summary>The smallest share of the largest-remainder split; with no clicks yet, what a first click would get.</summary>
    long ValueOfOneClick(GiverMeans means) => _clicks.Count == 0 ? Spend(means) : Spend(means) / _clicks.Count;

    static GiverIdentity Identity(GiverProfile giver) => new(giver.Id, giver.Username, giver.DisplayName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The count of thing {ThingId} was not updated after a committed click; it reloads on its next activation")]
    static partial void CountUpdateFailed(ILogger logger, long thingId, Exception exception);
}
