using System.Collections.Immutable;
using Flattr.Hosting;
using Flattr.Subscriptions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// Random sequences of subscribe, pause, resume, toggle (Flattr's PUT), cancel and button clicks across month ends, through
/// the grains on a two-silo cluster, each on a fresh giver and fresh things, checked against a model: every call succeeds or
/// fails as the model says; the database holds one subscription row per giver and thing; the grain's listing equals the
/// database's live rows; and once every month is materialised (as its settlement does, or its first day already did, or
/// not), each month has exactly the clicks the model says: one per thing that was clicked or subscribed at some moment of it.
/// </summary>
public sealed class SubscriptionPropertyTests(FlattrCluster cluster, ITestOutputHelper output) : IClassFixture<FlattrCluster>
{
    const int Things = 3;

    [Fact]
    public async Task Random_sequences_keep_one_subscription_per_thing_a_listing_equal_to_the_database_and_one_click_per_month()
    {
        var cases = 0;
        await using var stores = NewStores();
        var subscriptionStore = stores.GetRequiredService<SubscriptionStore>();
        var property = Prop.ForAll(Sequences.ToArbitrary(), (SubscriptionStep[] steps) => Task.Run(async () =>
        {
            await RunAndCheckAsync(steps, subscriptionStore);
            Interlocked.Increment(ref cases);
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
        output.WriteLine($"{cases} random sequences run and checked");
    }

    [Fact]
    public async Task A_subscription_revived_or_resumed_after_months_nobody_opened_still_gives_them_their_clicks()
    {
        // Found by the property: months with no row yet (no first-day materialisation, no click) that a later settlement
        // would settle by the rule, after the revival or resumption moved the subscription's start past them.
        await using var stores = NewStores();
        SubscriptionStep[] steps =
        [
            new(SubscriptionStepKind.Subscribe, 0, SubscriptionTerm.ThreeMonths, false),
            new(SubscriptionStepKind.Subscribe, 1, SubscriptionTerm.UntilCancelled, false),
            new(SubscriptionStepKind.NextMonth, 0, SubscriptionTerm.UntilCancelled, false),
            new(SubscriptionStepKind.Pause, 1, SubscriptionTerm.UntilCancelled, false),
            new(SubscriptionStepKind.NextMonth, 0, SubscriptionTerm.UntilCancelled, false),
            new(SubscriptionStepKind.NextMonth, 0, SubscriptionTerm.UntilCancelled, false),
            new(SubscriptionStepKind.Subscribe, 0, SubscriptionTerm.ThreeMonths, false),
            new(SubscriptionStepKind.Resume, 1, SubscriptionTerm.UntilCancelled, false),
        ];

        await RunAndCheckAsync(steps, stores.GetRequiredService<SubscriptionStore>());
    }

    static Gen<SubscriptionStep[]> Sequences =>
        from length in Gen.Choose(4, 24)
        from steps in Gen.ArrayOf(Steps, length)
        select steps;

    static Gen<SubscriptionStep> Steps =>
        from kind in Gen.Frequency(
            (4, Gen.Constant(SubscriptionStepKind.Subscribe)),
            (3, Gen.Constant(SubscriptionStepKind.Toggle)),
            (2, Gen.Constant(SubscriptionStepKind.Pause)),
            (2, Gen.Constant(SubscriptionStepKind.Resume)),
            (2, Gen.Constant(SubscriptionStepKind.Cancel)),
            (3, Gen.Constant(SubscriptionStepKind.Click)),
            (3, Gen.Constant(SubscriptionStepKind.NextMonth)))
        from thing in Gen.Choose(0, Things - 1)
        from term in Gen.Elements(SubscriptionTerm.UntilCancelled, SubscriptionTerm.ThreeMonths, SubscriptionTerm.SixMonths, SubscriptionTerm.TwelveMonths)
        from materialise in Gen.Elements(true, false)
        select new SubscriptionStep(kind, thing, term, materialise);

    async Task RunAndCheckAsync(SubscriptionStep[] steps, SubscriptionStore store)
    {
        var giver = await cluster.CreateGiverAsync(budgetCents: 500, depositCents: 5000);
        var creator = await cluster.CreateUserAsync("creator");
        var things = new long[Things];
        for (var i = 0; i < Things; i++)
        {
            things[i] = await cluster.CreateThingAsync(creator);
        }

        var model = new SubscriptionModel();
        var first = Month.Current(cluster.Clock);
        var grain = cluster.Grains.GetSubscriptions(giver);
        foreach (var step in steps)
        {
            var now = Month.Current(cluster.Clock);
            var thing = things[step.Thing];
            switch (step.Kind)
            {
                case SubscriptionStepKind.Subscribe:
                    await ExpectAsync(step, model.Subscribe(step.Thing, step.Term, now), () => grain.Subscribe(thing, step.Term));
                    break;
                case SubscriptionStepKind.Toggle:
                    await ExpectAsync(step, model.Toggle(step.Thing, now), () => grain.Toggle(thing));
                    break;
                case SubscriptionStepKind.Pause:
                    await ExpectAsync(step, model.Pause(step.Thing, now), () => grain.Pause(thing));
                    break;
                case SubscriptionStepKind.Resume:
                    await ExpectAsync(step, model.Resume(step.Thing, now), () => grain.Resume(thing));
                    break;
                case SubscriptionStepKind.Cancel:
                    await ExpectAsync(step, model.Cancel(step.Thing, now), () => grain.Cancel(thing));
                    break;
                case SubscriptionStepKind.Click:
                    await ClickAsync(step, model, giver, thing, now);
                    break;
                case SubscriptionStepKind.NextMonth:
                    var next = now.Next();
                    cluster.Clock.SetUtcNow(next.Start + TimeSpan.FromHours(1));
                    model.MonthBegins(next);
                    if (step.Materialise)
                    {
                        // The month-end grain's first-day materialisation (which may also not have run: the settlement does it).
                        await store.MaterialiseMonthAsync(next);
                    }

                    break;
            }
        }

        var last = Month.Current(cluster.Clock);
        await AssertOneRowPerThingAndListingEqualsDatabaseAsync(giver, things, model, last);

        // What each month's settlement materialises before closing it (idempotent after a first-day materialisation).
        for (var month = first; month <= last; month = month.Next())
        {
            await store.MaterialiseMonthAsync(month);
        }

        await AssertClicksPerMonthAsync(giver, things, model, first, last);
    }

    static async Task ExpectAsync(SubscriptionStep step, string? expectedError, Func<Task<SubscriptionInfo>> call)
    {
        if (expectedError is null)
        {
            await call();
            return;
        }

        var error = await Assert.ThrowsAsync<FlattrException>(call);
        Assert.True(expectedError == error.Code, $"{step}: expected {expectedError}, got {error.Code} ({error.Message})");
    }

    async Task ClickAsync(SubscriptionStep step, SubscriptionModel model, long giver, long thing, Month now)
    {
        try
        {
            await cluster.Grains.GetWallet(giver, now).Flattr(thing, anonymous: false);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.FlattrOnce)
        {
            // Refused only when this month already counts the thing: clicked, or subscribed at some moment of it.
            Assert.True(model.Counts(step.Thing, now), $"{step}: flattr_once in {now} although the model has no click");
        }

        model.Clicked(step.Thing, now);
    }

    async Task AssertOneRowPerThingAndListingEqualsDatabaseAsync(long giver, long[] things, SubscriptionModel model, Month now)
    {
        var rows = await RowsAsync(giver);
        Assert.Equal(rows.Count, rows.Select(r => r.ThingId).Distinct().Count());
        Assert.Equal(model.EverSubscribed.Count, rows.Count);

        var live = rows.Where(r => r.State != SubscriptionState.Ended).OrderBy(r => r.ThingId).ToList();
        var listed = (await cluster.Grains.GetSubscriptions(giver).List()).OrderBy(s => s.ThingId).ToList();
        Assert.Equal(
            live.Select(r => (r.ThingId, r.State, r.CreatedAt, r.StartedAt, r.PausedAt)),
            listed.Select(s => (s.ThingId, s.State, s.CreatedAt, s.StartedAt, s.PausedAt)));
        Assert.DoesNotContain(listed, s => s.State == SubscriptionState.Ended);
        var expected = Enumerable.Range(0, things.Length).Select(i => (Thing: things[i], State: model.StateOf(i, now)))
            .Where(e => e.State != SubscriptionState.Ended).Select(e => (e.Thing, e.State)).ToList();
        Assert.Equal(expected, listed.Select(s => (s.ThingId, s.State)));
    }

    async Task AssertClicksPerMonthAsync(long giver, long[] things, SubscriptionModel model, Month first, Month last)
    {
        var clicks = new HashSet<(long Thing, DateOnly Month)>();
        await using (var command = cluster.DataSource.CreateCommand("SELECT thing_id, month FROM clicks WHERE giver_id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = giver });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.True(clicks.Add((reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1))), "two clicks of one thing in one month");
            }
        }

        for (var month = first; month <= last; month = month.Next())
        {
            for (var i = 0; i < things.Length; i++)
            {
                Assert.True(model.Counts(i, month) == clicks.Contains((things[i], month.FirstDay)),
                    $"thing {i} in {month}: the model says {(model.Counts(i, month) ? "one click" : "none")}, the database the opposite");
            }
        }

        // The live counts moved once per click, never twice.
        Assert.Equal(0, await cluster.ScalarAsync("""
            SELECT count(*) FROM thing_month_counts c
            WHERE c.thing_id = ANY($1) AND c.clicks <> (SELECT count(*) FROM clicks k WHERE k.thing_id = c.thing_id AND k.month = c.month)
            """, things));
    }

    async Task<List<SubscriptionRow>> RowsAsync(long giver)
    {
        var rows = new List<SubscriptionRow>();
        await using var command = cluster.DataSource.CreateCommand("""
            SELECT thing_id,
                   CASE WHEN cancelled_at IS NOT NULL OR (months IS NOT NULL AND $2 >= (start_month + make_interval(months => months))::date) THEN 2
                        WHEN paused_at IS NOT NULL THEN 1 ELSE 0 END,
                   created_at, started_at, paused_at
            FROM subscriptions WHERE giver_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = giver });
        command.Parameters.Add(new NpgsqlParameter { Value = Month.Current(cluster.Clock).FirstDay });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new SubscriptionRow(reader.GetInt64(0), (SubscriptionState)reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    /// <summary>The stores as the silo registers them, on the cluster's database and clock (for the month materialisations).</summary>
    ServiceProvider NewStores()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(cluster.DataSource);
        services.AddSingleton<TimeProvider>(cluster.Clock);
        services.AddFlattrStores();
        return services.BuildServiceProvider();
    }

    sealed record SubscriptionRow(long ThingId, SubscriptionState State, DateTimeOffset CreatedAt, DateTimeOffset StartedAt, DateTimeOffset? PausedAt);
}

public enum SubscriptionStepKind
{
    Subscribe,
    Toggle,
    Pause,
    Resume,
    Cancel,
    Click,
    NextMonth,
}

public sealed record SubscriptionStep(SubscriptionStepKind Kind, int Thing, SubscriptionTerm Term, bool Materialise)
{
    public override string ToString() => Kind switch
    {
        SubscriptionStepKind.Subscribe => $"subscribe {Thing} for {Term}",
        SubscriptionStepKind.NextMonth => Materialise ? "next month (materialised on its first day)" : "next month",
        _ => $"{Kind.ToString().ToLowerInvariant()} {Thing}",
    };
}

/// <summary>
/// What Flattr's rules say: one subscription per thing, running, paused or ended (cancelled, or its term over); a month counts
/// a thing once when it was clicked in it or its subscription ran at some moment of it.
/// </summary>
sealed class SubscriptionModel
{
    readonly Dictionary<int, (SubscriptionState State, Month Start, int? Months)> _subscriptions = [];
    readonly HashSet<(int Thing, Month Month)> _counted = [];

    public ImmutableHashSet<int> EverSubscribed => [.. _subscriptions.Keys];

    public bool Counts(int thing, Month month) => _counted.Contains((thing, month));

    public SubscriptionState StateOf(int thing, Month now) =>
        !_subscriptions.TryGetValue(thing, out var s) ? SubscriptionState.Ended
        : s.Months is { } months && now >= s.Start.AddMonths(months) ? SubscriptionState.Ended
        : s.State;

    public string? Subscribe(int thing, SubscriptionTerm term, Month now)
    {
        if (StateOf(thing, now) != SubscriptionState.Ended)
        {
            return FlattrErrors.Subscribed;
        }

        _subscriptions[thing] = (SubscriptionState.Running, now, term == SubscriptionTerm.UntilCancelled ? null : (int)term);
        _counted.Add((thing, now));
        return null;
    }

    public string? Toggle(int thing, Month now) => StateOf(thing, now) switch
    {
        SubscriptionState.Running => Pause(thing, now),
        SubscriptionState.Paused => Resume(thing, now),
        _ => FlattrErrors.NotFound,
    };

    public string? Pause(int thing, Month now) => Move(thing, now, SubscriptionState.Running, SubscriptionState.Paused);

    public string? Resume(int thing, Month now)
    {
        var error = Move(thing, now, SubscriptionState.Paused, SubscriptionState.Running);
        if (error is null)
        {
            _counted.Add((thing, now));
        }

        return error;
    }

    public string? Cancel(int thing, Month now) =>
        StateOf(thing, now) == SubscriptionState.Ended ? FlattrErrors.NotFound : Set(thing, SubscriptionState.Ended);

    public void Clicked(int thing, Month now) => _counted.Add((thing, now));

    public void MonthBegins(Month month)
    {
        foreach (var thing in _subscriptions.Keys.Where(t => StateOf(t, month) == SubscriptionState.Running))
        {
            _counted.Add((thing, month));
        }
    }

    string? Move(int thing, Month now, SubscriptionState from, SubscriptionState to) =>
        StateOf(thing, now) == from ? Set(thing, to) : FlattrErrors.NotFound;

    string? Set(int thing, SubscriptionState state)
    {
        _subscriptions[thing] = _subscriptions[thing] with { State = state };
        return null;
    }
}
