using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Flattr.Testing;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using Xunit.Abstractions;

namespace Flattr.Web.Tests.Operations;

/// <summary>
/// One flattr, traced: a signed-in giver's POST /things/{id}/flattr arrives with the caller's trace (traceparent), and the
/// spans the app records for it (ASP.NET Core's request span, Orleans' grain-call spans, the click batch that committed the
/// click, Npgsql's SQL statements) share that trace id, each one's parent being another of them or the caller's span.
/// The tree is written to the test output (the README shows one).
/// </summary>
[Collection(OperationsAppCollection.Name)]
public sealed partial class FlattrTraceTests(OperationsApp ops, ITestOutputHelper output)
{
    [Fact]
    public async Task A_flattrs_request_grain_call_and_sql_spans_share_one_trace_with_a_parent_chain()
    {
        var app = ops.App;
        var creator = await app.CreateUserAsync("traced");
        var giver = await app.CreateUserAsync("tracer", depositCents: 1000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://traces.example.org/{Guid.NewGuid():N}", "A traced thing"));
        using var client = await SignInAsync(app, giver);
        var page = await client.GetStringAsync(new Uri($"/things/{thing.Id}", UriKind.Relative));
        var antiforgery = AntiforgeryMeta().Match(page).Groups[1].Value;

        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/things/{thing.Id}/flattr", UriKind.Relative));
        request.Headers.Add("X-Flattr-Antiforgery", antiforgery);
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Activity[] trace = [];
        await Eventually.TrueAsync(
            () =>
            {
                trace = [.. ops.SpansNow().Where(s => s.TraceId == traceId)];
                return trace.Any(s => s.ParentSpanId == callerSpan);
            },
            "the request's span ended");
        output.WriteLine(Tree(trace, callerSpan));

        var request_ = Assert.Single(trace, s => s.ParentSpanId == callerSpan);
        Assert.Equal("Microsoft.AspNetCore", request_.Source.Name);
        Assert.Equal(ActivityKind.Server, request_.Kind);
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace, s => Assert.True(s.ParentSpanId == callerSpan || ids.Contains(s.ParentSpanId), $"{s.DisplayName} has a parent outside the trace"));

        var byId = trace.ToDictionary(s => s.SpanId);
        var grainCalls = trace.Where(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToArray();
        Assert.Contains(grainCalls, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("IWalletGrain/Flattr", StringComparison.Ordinal));
        var batch = Assert.Single(trace, s => s.DisplayName == "flattr.click_batch");
        Assert.Contains(Ancestors(batch, byId), a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        var sql = trace.Where(s => s.Source.Name == "Npgsql").ToArray();
        Assert.Contains(sql, s => Ancestors(s, byId).Contains(batch));
        Assert.All(sql, s => Assert.Contains(request_, Ancestors(s, byId)));
        Assert.All(sql, s => Assert.Contains(Ancestors(s, byId), a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)));
    }

    static List<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        var chain = new List<Activity>();
        while (byId.TryGetValue(span.ParentSpanId, out var parent))
        {
            chain.Add(parent);
            span = parent;
        }

        return chain;
    }

    /// <summary>The spans as an indented tree, children in start order: name, source, kind, duration.</summary>
    static string Tree(Activity[] spans, ActivitySpanId root)
    {
        var text = new StringBuilder();
        void Write(ActivitySpanId parent, int depth)
        {
            foreach (var span in spans.Where(s => s.ParentSpanId == parent).OrderBy(s => s.StartTimeUtc))
            {
                text.Append(CultureInfo.InvariantCulture, $"{new string(' ', depth * 2)}{span.DisplayName}  [{span.Source.Name}, {span.Kind}] {span.Duration.TotalMilliseconds:0.0} ms")
                    .AppendLine();
                Write(span.SpanId, depth + 1);
            }
        }

        Write(root, 0);
        return text.ToString();
    }

    static async Task<HttpClient> SignInAsync(FlattrApp app, TestUser user)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseUri,
        };
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = user.Username,
            ["Password"] = FlattrApp.Password,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
        });
        using var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<meta name=\"flattr-antiforgery\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryMeta();
}
