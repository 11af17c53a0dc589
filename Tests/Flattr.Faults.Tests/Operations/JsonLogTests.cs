using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Flattr.Faults.Tests.Support;
using Flattr.Testing;

namespace Flattr.Faults.Tests.Operations;

/// <summary>
/// The app as operators run it (Production, a child process) writes its log as JSON lines, the console's JSON formatter,
/// and a line written while serving a request carries that request's trace id in its scopes: here the trace id of the
/// caller's traceparent, which the request continues.
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    FlattrDatabase _database = null!;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("jsonlog");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_production_process_logs_json_lines_with_the_requests_trace_id()
    {
        await using var app = new AppProcess(_database.ConnectionString, new Dictionary<string, string>
        {
            // The request's own "Request starting" line, written inside the request's activity.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        await app.StartAsync();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = new HttpClient { BaseAddress = app.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.TrueAsync(() => app.RecentOutput.Contains(traceId, StringComparison.Ordinal), "a log line with the request's trace id");
        var lines = app.RecentOutput.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("LogLevel", out _), line);
        }

        var traced = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray()
                .Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId));
        Assert.Equal("Microsoft.AspNetCore.Hosting.Diagnostics", traced.GetProperty("Category").GetString());
        Tally.Check(lines.Length);
    }
}
