using System.Collections.Concurrent;
using Flattr.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// A creator's dashboard as the page keeps it, over the real .NET SignalR client: signed in through the real form, joined to
/// the creator's ticker, reconnecting by itself (and re-joining) when its node goes away. It keeps what the page shows: each
/// thing's month count (from the join snapshot, then from the pushed clicks) and when each giver's flattr first arrived.
/// </summary>
public sealed class LiveDashboard : IAsyncDisposable
{
    readonly WebSession _session;
    readonly HubConnection _connection;
    readonly long _creatorId;
    readonly ConcurrentDictionary<long, long> _monthClicks = new();
    readonly ConcurrentDictionary<(string Giver, long Thing), DateTime> _arrivals = new();
    int _reconnects;
    int _snapshots;

    LiveDashboard(string name, WebSession session, long creatorId)
    {
        Name = name;
        _session = session;
        _creatorId = creatorId;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseUri, "/live"), options =>
            {
                options.Cookies = session.Cookies;
                options.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new EverySecondFor(TimeSpan.FromMinutes(2)))
            .Build();
        _connection.On<LiveCreator>(LiveMessages.Creator, snapshot =>
        {
            foreach (var thing in snapshot.Things)
            {
                _monthClicks[thing.ThingId] = thing.MonthClicks;
            }

            Interlocked.Increment(ref _snapshots);
        });
        _connection.On<LiveFlattr[]>(LiveMessages.Flattrs, batch =>
        {
            var now = DateTime.UtcNow;
            foreach (var flattr in batch)
            {
                _monthClicks[flattr.ThingId] = flattr.MonthClicks;
                if (flattr is { Kind: "flattr", GiverUsername: { } giver })
                {
                    _arrivals.TryAdd((giver, flattr.ThingId), now);
                }
            }
        });
        _connection.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _reconnects);
            await _connection.InvokeAsync("WatchCreator", _creatorId);
        };
    }

    public string Name { get; }

    /// <summary>The node (its <c>X-Flattr-Node</c> name) the hub connection first went to.</summary>
    public string? Node { get; private init; }

    /// <summary>Times the client reconnected by itself after losing its connection.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Snapshots received: one per (re)join.</summary>
    public int Snapshots => Volatile.Read(ref _snapshots);

    public HubConnectionState State => _connection.State;

    /// <summary>Each thing's month count as the page shows it.</summary>
    public IReadOnlyDictionary<long, long> MonthClicks => _monthClicks;

    /// <summary>When a giver's flattr of a thing first reached this dashboard.</summary>
    public bool TryArrival(string giver, long thing, out DateTime at) => _arrivals.TryGetValue((giver, thing), out at);

    /// <summary>
    /// Signs the creator in once through the form at <paramref name="signIn"/> and returns the session cookie: one sign-in serves
    /// the creator's dashboards on every node (the cluster shares one data-protection key ring), as one person's tabs would.
    /// </summary>
    public static async Task<System.Net.Cookie> SignInAsync(Uri signIn, SeededUser creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        using var session = new WebSession(signIn);
        Assert.True(await session.SignInAsync(creator.Username, Flattr.Web.Tests.Support.FlattrApp.Password), $"{creator.Username} could not sign in");
        return session.Cookies.GetCookies(signIn)["flattr.session"]!;
    }

    /// <summary>A dashboard of its own browser (its own cookies, so nginx's sticky cookie is its own) with the creator's session.</summary>
    public static async Task<LiveDashboard> ConnectAsync(string name, Uri baseUri, long creatorId, System.Net.Cookie sessionCookie)
    {
        ArgumentNullException.ThrowIfNull(sessionCookie);
        var session = new WebSession(baseUri);
        session.Cookies.Add(baseUri, new System.Net.Cookie(sessionCookie.Name, sessionCookie.Value, "/"));
        // The page first, as a browser opens it (through nginx this also gives the browser its sticky cookie), then its hub.
        using (var page = await session.Http.GetAsync(new Uri("/dashboard", UriKind.Relative)))
        {
            Assert.True(page.StatusCode == System.Net.HttpStatusCode.OK, $"{name}: the dashboard answered {(int)page.StatusCode}");
        }

        // Which node this browser's hub requests go to (nginx routes them alike): a negotiate request of our own, read for the
        // node's name header; its connection token is never used and lapses.
        string? node;
        using (var negotiate = await session.Http.PostAsync(new Uri("/live/negotiate?negotiateVersion=1", UriKind.Relative), null))
        {
            node = negotiate.Headers.TryGetValues(Flattr.Web.Hosting.NodeNameHeader.Name, out var names) ? names.Single() : null;
        }

        var dashboard = new LiveDashboard(name, session, creatorId) { Node = node };
        await dashboard._connection.StartAsync();
        await dashboard._connection.InvokeAsync("WatchCreator", creatorId);
        return dashboard;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _session.Dispose();
    }

    /// <summary>Retries every second (the page's script backs off to 10 s) until <c>limit</c> has passed.</summary>
    sealed class EverySecondFor(TimeSpan limit) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < limit ? TimeSpan.FromSeconds(retryContext.PreviousRetryCount == 0 ? 0.2 : 1) : null;
    }
}
