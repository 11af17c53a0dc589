using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace Flattr.Web.Tests.Operations;

/// <summary>
/// The real app as an operator sees it: traces recorded into <see cref="Spans"/> (in-memory exporter), an operator token
/// and an operator network configured, on a fake clock that the tests move (live pushes wait on it; months end on it). The
/// clock starts at the real time, so the cookies it dates stay valid. The month-end reminder is off: tests settle by hand.
/// </summary>
public sealed class OperationsApp : IAsyncLifetime
{
    public const string Token = "operator-token-for-tests-7f1c2a";

    /// <summary>A network of operators (TEST-NET-2); clients of TEST-NET-3 (203.0.113.0/24) are outsiders.</summary>
    public const string OperatorNetwork = "198.51.100.0/24";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every span the process recorded (the listener is process-wide: other apps' requests show too).</summary>
    public List<Activity> Spans { get; } = [];

    public FlattrApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new FlattrApp
        {
            Clock = Clock,
            TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)),
        };
        App.Settings["Flattr:Settlement:StartMonthEndReminder"] = "false";
        App.Settings["Flattr:Operations:Tracing"] = "true";
        App.Settings["Flattr:Operations:Token"] = Token;
        App.Settings["Flattr:Operations:Networks"] = OperatorNetwork;
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>A copy of the spans recorded so far (the exporter appends from other threads).</summary>
    public Activity[] SpansNow()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    /// <summary>GET as a client at <paramref name="forwardedFor"/> behind the trusted proxy (none: this machine), with an optional bearer token.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? forwardedFor = null, string? bearer = null)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The Prometheus text of /metrics, read from this machine (an operator).</summary>
    public async Task<string> ScrapeAsync()
    {
        using var response = await GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of every series of a metric whose labels contain <paramref name="label"/> (0 when it has none).</summary>
    public static double Sum(string metrics, string name, string label = "") =>
        metrics.Split('\n')
            .Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                && l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

[CollectionDefinition(Name)]
public sealed class OperationsAppCollection : ICollectionFixture<OperationsApp>
{
    public const string Name = "operations app";
}
