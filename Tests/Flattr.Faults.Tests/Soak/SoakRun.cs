using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Ledger;
using Flattr.Things;
using Flattr.Web.Live;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Flattr.Faults.Tests.Soak;

/// <summary>
/// Steady mixed load on the real app over loopback (flattrs and undos, button badges and frames, public pages, creator
/// dashboards connecting to the live hub and leaving), sampled while it runs and while the app idles afterwards.
/// The verdict: no failed request, no memory growth under steady load, activations bounded by the keys in use, every
/// dashboard's observers released, idle per-user and per-thing grains collected, the ledger audit OK.
/// </summary>
public sealed class SoakRun(SoakOptions options, TextWriter log)
{
    /// <summary>Orleans' GrainCollectionOptions of the app's silo (CollectionAge, CollectionQuantum), see FlattrSiloHosting.</summary>
    public const string CollectionSection = Flattr.Silo.Hosting.FlattrSiloHosting.OrleansSection + ":GrainCollection";

    static readonly string[] EntityGrains = ["Thing", "Wallet", "User", "Creator"];
    readonly ConcurrentQueue<string> _failures = new();
    readonly List<SoakSample> _samples = [];
    long _requests;
    long _failed;

    /// <summary>The app settings the soak needs: quick collection, and no limits meant for one person at one address.</summary>
    public static Dictionary<string, string> AppSettings(SoakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new()
        {
            [$"{CollectionSection}:CollectionAge"] = options.CollectionAge.ToString("c", CultureInfo.InvariantCulture),
            [$"{CollectionSection}:CollectionQuantum"] = options.CollectionQuantum.ToString("c", CultureInfo.InvariantCulture),
            ["Flattr:Web:SignInAttemptsPerMinute"] = "100000",
            ["Flattr:Web:SignInAttemptsPerAccountPerMinute"] = "100000",
            ["Flattr:Web:FlattrsPerMinute"] = "100000",
        };
    }

    public async Task<SoakReport> RunAsync(FlattrApp app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var world = await SoakWorld.CreateAsync(app, options);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"soak: {world.Givers.Count} givers, {world.Creators.Count} creators, {world.Things.Count} things; load for {options.Load}, " +
            $"samples every {options.SampleEvery}, collection age {options.CollectionAge}"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using (var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var random = new Random(options.Seed);
                var workers = new List<Task>
                {
                    Worker(stopLoad.Token, random.Next(), (r, ct) => ClickOrUndoAsync(world, r, ct)),
                    Worker(stopLoad.Token, random.Next(), (r, ct) => ClickOrUndoAsync(world, r, ct)),
                    Worker(stopLoad.Token, random.Next(), (r, ct) => ReadButtonAsync(world, r, ct)),
                    Worker(stopLoad.Token, random.Next(), (r, ct) => ReadButtonAsync(world, r, ct)),
                    Worker(stopLoad.Token, random.Next(), (r, ct) => DashboardAsync(world, r, ct)),
                    Worker(stopLoad.Token, random.Next(), (r, ct) => PublicPageAsync(world, r, ct)),
                };
                while (clock.Elapsed < options.Load)
                {
                    await Task.Delay(Min(options.SampleEvery, options.Load - clock.Elapsed), cancellationToken);
                    await SampleAsync(app, clock.Elapsed, underLoad: true);
                }

                await stopLoad.CancelAsync();
                await Task.WhenAll(workers);
            }

            // Idle: nothing calls the grains any more; every per-user and per-thing activation must be collected.
            var idleDeadline = clock.Elapsed + options.CollectionAge + (4 * options.CollectionQuantum) + TimeSpan.FromSeconds(15);
            var idleEvery = Max(TimeSpan.FromSeconds(1), options.CollectionQuantum);
            SoakSample last;
            do
            {
                await Task.Delay(idleEvery, cancellationToken);
                last = await SampleAsync(app, clock.Elapsed, underLoad: false);
            }
            while (clock.Elapsed < idleDeadline && (EntityGrains.Any(t => last.Of(t) > 0) || last.WatchedThings + last.WatchedCreators > 0));

            return await VerdictAsync(app, world);
        }
        finally
        {
            world.Dispose();
        }
    }

    async Task Worker(CancellationToken stop, int seed, Func<Random, CancellationToken, Task> operation)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await operation(random, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed operation is a finding of the soak, reported in the verdict.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fail(e.GetType().Name + ": " + e.Message);
            }

            try
            {
                await Task.Delay(options.Pace, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task ClickOrUndoAsync(SoakWorld world, Random random, CancellationToken cancellationToken)
    {
        var giver = world.Givers[random.Next(world.Givers.Count)];
        var thing = world.Things[random.Next(world.Things.Count)];
        using var response = await giver.Session.FlattrAsync(thing, giver.Token, cancellationToken);
        Count();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return;
        }

        if (await WebSession.ErrorCodeAsync(response) != "flattr_once")
        {
            Fail($"flattr {thing}: {(int)response.StatusCode}");
            return;
        }

        // Already flattred this month: undo it, so the load can go on for as long as it is asked to.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["thingId"] = thing.ToString(CultureInfo.InvariantCulture), [WebSession.FormTokenField] = giver.Token,
        });
        using var undo = await giver.Session.Http.PostAsync("/me?handler=Undo", form, cancellationToken);
        Count();
        Expect(undo, "undo", HttpStatusCode.Redirect);
    }

    async Task ReadButtonAsync(SoakWorld world, Random random, CancellationToken cancellationToken)
    {
        var roll = random.Next(100);
        var thing = world.Things[random.Next(world.Things.Count)];
        // Some reads are of ids nobody registered (stale embeds, crawlers): they must not pile up activations.
        var path = roll switch
        {
            < 65 => $"/things/{thing}/button.svg",
            < 85 => $"/button/view?thing={thing}",
            _ => $"/things/{800_000_000 + random.Next(100_000_000)}/button.svg",
        };
        using var response = await world.Anonymous.Http.GetAsync(path, cancellationToken);
        Count();
        Expect(response, path, HttpStatusCode.OK);
    }

    async Task DashboardAsync(SoakWorld world, Random random, CancellationToken cancellationToken)
    {
        var creator = world.Creators[random.Next(world.Creators.Count)];
        using (var page = await creator.Session.Http.GetAsync("/dashboard", cancellationToken))
        {
            Count();
            Expect(page, "/dashboard", HttpStatusCode.OK);
        }

        await using var hub = await HubWire.ConnectAsync(world.BaseUri, creator.Session.Cookies);
        Count();
        foreach (var (target, argument) in new[]
        {
            ("WatchCreator", creator.User.Id), ("WatchThing", creator.Things[random.Next(creator.Things.Count)]),
            ("WatchThing", world.Things[random.Next(world.Things.Count)]),
        })
        {
            var error = await hub.InvokeAsync(target, argument);
            Count();
            if (error is not null)
            {
                Fail($"{target}({argument}): {error}");
            }
        }

        // Watch the ticker for a moment, then leave as a closing tab does.
        await hub.NextAsync("flattr", TimeSpan.FromMilliseconds(300 + random.Next(1200)));
    }

    async Task PublicPageAsync(SoakWorld world, Random random, CancellationToken cancellationToken)
    {
        var creator = world.Creators[random.Next(world.Creators.Count)];
        var path = random.Next(4) switch
        {
            0 => "/trending",
            1 => "/browse?category=text",
            2 => $"/things/{world.Things[random.Next(world.Things.Count)]}",
            _ => $"/profile/{creator.User.Username}",
        };
        using var response = await world.Anonymous.Http.GetAsync(path, cancellationToken);
        Count();
        Expect(response, path, HttpStatusCode.OK);
    }

    async Task<SoakSample> SampleAsync(FlattrApp app, TimeSpan at, bool underLoad)
    {
        var byType = await Activations.ByTypeAsync(app.Grains);
        var (things, creators) = app.Services.GetRequiredService<LiveBridge>().ObservedCounts;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var sample = new SoakSample(at, underLoad, Interlocked.Read(ref _requests), Interlocked.Read(ref _failed), byType.Values.Sum(),
            byType, things, creators, GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
        _samples.Add(sample);
        await log.WriteLineAsync(sample.ToString());
        return sample;
    }

    async Task<SoakReport> VerdictAsync(FlattrApp app, SoakWorld world)
    {
        var verdicts = new List<SoakVerdict>();
        var load = _samples.Where(s => s.UnderLoad).ToList();
        var idle = _samples.Where(s => !s.UnderLoad).ToList();
        var finalIdle = idle[^1];

        verdicts.Add(new("no failed request", _failed == 0,
            _failed == 0 ? $"{_requests} requests" : $"{_failed} of {_requests} failed, e.g. {string.Join("; ", _failures.Take(5))}"));

        // Steady load, steady memory: the last third of the samples is not above the middle third (with room for noise).
        var third = Math.Max(1, load.Count / 3);
        var middle = Median(load.Skip(third).Take(third).Select(s => s.HeapBytes));
        var end = Median(load.TakeLast(third).Select(s => s.HeapBytes));
        var limit = (middle * 5 / 4) + (8L << 20);
        verdicts.Add(new("managed heap does not grow under steady load", end <= limit,
            string.Create(CultureInfo.InvariantCulture, $"middle {middle / 1048576.0:0.0} MB, end {end / 1048576.0:0.0} MB, limit {limit / 1048576.0:0.0} MB")));

        var peakThings = load.Max(s => s.Of("Thing"));
        var peakWallets = load.Max(s => s.Of("Wallet"));
        var bounded = peakThings <= world.Things.Count + 5 && peakWallets <= world.Givers.Count;
        verdicts.Add(new("activations bounded by the keys in use", bounded,
            $"peak {peakThings} thing activations for {world.Things.Count} things, {peakWallets} wallets for {world.Givers.Count} givers"));

        verdicts.Add(new("dashboards leaving release their observers", finalIdle.WatchedThings + finalIdle.WatchedCreators == 0,
            $"{finalIdle.WatchedThings} things and {finalIdle.WatchedCreators} creators still observed"));

        var left = EntityGrains.Where(t => finalIdle.Of(t) > 0).Select(t => $"{t} {finalIdle.Of(t)}").ToList();
        var peak = load.Max(s => s.Activations);
        verdicts.Add(new("idle grains are collected", left.Count == 0,
            left.Count == 0 ? $"{peak} activations at the peak, {finalIdle.Activations} after idling" : "still active: " + string.Join(", ", left)));

        var audit = await new LedgerStore(app.Services.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new Money.MoneyRules())).AuditAsync();
        verdicts.Add(new("ledger audit", audit.Ok, audit.ToString()));

        var report = new SoakReport(_samples, verdicts, Interlocked.Read(ref _requests));
        foreach (var verdict in verdicts)
        {
            await log.WriteLineAsync($"{(verdict.Passed ? "ok  " : "FAIL")} {verdict.Check}: {verdict.Detail}");
        }

        await log.WriteLineAsync($"soak verdict: {(report.Passed ? "PASS" : "FAIL")}");
        return report;
    }

    void Expect(HttpResponseMessage response, string what, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode) && response.StatusCode != HttpStatusCode.NotModified)
        {
            Fail($"{what}: {(int)response.StatusCode}");
        }
    }

    void Count() => Interlocked.Increment(ref _requests);

    void Fail(string what)
    {
        Interlocked.Increment(ref _failed);
        if (_failures.Count < 50)
        {
            _failures.Enqueue(what);
        }
    }

    static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

public sealed record SoakVerdict(string Check, bool Passed, string Detail);

public sealed record SoakReport(IReadOnlyList<SoakSample> Samples, IReadOnlyList<SoakVerdict> Verdicts, long Requests)
{
    public bool Passed => Verdicts.All(v => v.Passed);
}

/// <summary>The soak's people and things, created through the app's own grains; every person signed in once.</summary>
sealed class SoakWorld : IDisposable
{
    public required Uri BaseUri { get; init; }

    public required WebSession Anonymous { get; init; }

    public List<(TestUser User, WebSession Session, string Token)> Givers { get; } = [];

    public List<(TestUser User, WebSession Session, List<long> Things)> Creators { get; } = [];

    public List<long> Things { get; } = [];

    public static async Task<SoakWorld> CreateAsync(FlattrApp app, SoakOptions options)
    {
        var world = new SoakWorld { BaseUri = app.BaseUri, Anonymous = new WebSession(app.BaseUri) };
        for (var c = 0; c < options.Creators; c++)
        {
            var creator = await app.CreateUserAsync("creator");
            var things = new List<long>();
            for (var t = 0; t < options.ThingsPerCreator; t++)
            {
                var info = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(
                    $"https://soak.example.org/{creator.Username}/{t}", $"Soak thing {c}-{t}", "Words.", ThingCategories.Text, "en_GB", ["soak"]));
                things.Add(info.Id);
            }

            world.Creators.Add((creator, await SignedInAsync(app, creator), things));
            world.Things.AddRange(things);
        }

        for (var g = 0; g < options.Givers; g++)
        {
            var giver = await app.CreateUserAsync("giver", depositCents: 5_000, budgetCents: 1_000);
            var session = await SignedInAsync(app, giver);
            world.Givers.Add((giver, session, await session.TokenAsync($"/things/{world.Things[0]}")));
        }

        return world;
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        foreach (var giver in Givers)
        {
            giver.Session.Dispose();
        }

        foreach (var creator in Creators)
        {
            creator.Session.Dispose();
        }
    }

    static async Task<WebSession> SignedInAsync(FlattrApp app, TestUser user)
    {
        var session = new WebSession(app.BaseUri);
        if (!await session.SignInAsync(user.Username, FlattrApp.Password))
        {
            throw new InvalidOperationException($"{user.Username} could not sign in.");
        }

        return session;
    }
}
