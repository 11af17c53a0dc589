using Flattr.Silo.Hosting;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flattr.Silo.Tests.Support;
using Flattr.Testing.Database;
using Npgsql;

namespace Flattr.Silo.Tests.Hosting;

/// <summary>
/// The built programs, as operators run them, each on a fresh database they migrate themselves, serve a flattr end to end:
/// the web co-hosting its silo; a headless silo serving a cluster client; the web as a cluster client of that silo. Users,
/// money, things and tokens are set up through a cluster client in the test; the flattr itself goes through the REST API
/// (or the wallet grain for the headless silo), and lands as a click row and in the thing's count.
/// </summary>
public sealed class ModesServeAFlattrTests
{
    static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_web_co_hosting_its_silo_serves_a_flattr_over_the_API()
    {
        await using var database = await TestDatabase.CreateAsync("mode_cohosted");
        var cluster = new ClusterSettings(database.ConnectionString, "cohosted");
        var ports = FreePorts.Take(3);
        await using var web = FlattrProcess.Web(ports[0], cluster.For(siloPort: ports[1], gatewayPort: ports[2]));

        web.Start();
        await web.WaitUntilAsync(() => Membership.IsActiveAsync(database.DataSource, cluster.ClusterId, ports[1]), "its silo is Active", s_startTimeout);
        await web.WaitUntilAsync(() => HealthyAsync(web), "/health answers", s_startTimeout);

        await using var client = await ClusterClient.ConnectAsync(cluster);
        await AssertFlattrOverTheApiAsync(web, client, database.DataSource);
    }

    [Fact]
    public async Task A_headless_silo_serves_a_flattr_to_a_cluster_client_and_to_a_web_running_as_its_cluster_client()
    {
        await using var database = await TestDatabase.CreateAsync("mode_headless");
        var cluster = new ClusterSettings(database.ConnectionString, "headless");
        var ports = FreePorts.Take(3);
        await using var silo = FlattrProcess.Silo(cluster.For(siloPort: ports[0], gatewayPort: ports[1]));
        await using var web = FlattrProcess.Web(ports[2], cluster.For(extra: ("Flattr:Cluster:WebRole", "Client")));

        silo.Start();
        await silo.WaitUntilAsync(() => Membership.IsActiveAsync(database.DataSource, cluster.ClusterId, ports[0]), "the silo is Active", s_startTimeout);
        await using var client = await ClusterClient.ConnectAsync(cluster);

        // The headless silo serves a cluster client: the flattr the web would ask for, straight to the giver's wallet grain.
        var thing = await client.CreateThingAsync(await client.CreateUserAsync("owner"));
        var giver = await client.CreateGiverAsync();
        var flattred = await client.Grains.GetWallet(giver, Month.Current(TimeProvider.System)).Flattr(thing, anonymous: false);
        Assert.Equal((giver, thing, 1L), (flattred.GiverId, flattred.ThingId, flattred.ThingTotalClicks));
        Assert.Equal(1, await ClicksAsync(database.DataSource, giver, thing));
        Assert.Equal(1, (await client.Grains.GetThing(thing).GetCounts()).Total);

        // The web as a cluster client of it: no silo of its own, the same grains.
        web.Start();
        await web.WaitUntilAsync(() => HealthyAsync(web), "/health answers", s_startTimeout);
        await AssertFlattrOverTheApiAsync(web, client, database.DataSource);
        Assert.Equal(
            [ports[0]],
            (await Membership.RowsAsync(database.DataSource, cluster.ClusterId)).Select(r => r.Port));
    }

    /// <summary>A giver's token flattrs a new thing through <c>POST /rest/v2/things/{id}/flattr</c>: a click row, a count of 1 in the API.</summary>
    static async Task AssertFlattrOverTheApiAsync(FlattrProcess web, ClusterClient client, NpgsqlDataSource database)
    {
        var thing = await client.CreateThingAsync(await client.CreateUserAsync("owner"));
        var giver = await client.CreateGiverAsync();
        using var http = new HttpClient { BaseAddress = web.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await client.FlattrTokenAsync(giver));

        var flattred = await OkJsonAsync(web, await http.PostAsync(Invariant($"rest/v2/things/{thing}/flattr"), null));

        Assert.Equal("ok", (string?)flattred["message"]);
        Assert.Equal(thing, (long)flattred["thing"]!["id"]!);
        Assert.Equal(1, (long)flattred["thing"]!["flattrs"]!);
        Assert.Equal(1, await ClicksAsync(database, giver, thing));
        var seen = await OkJsonAsync(web, await http.GetAsync(Invariant($"rest/v2/things/{thing}")));
        Assert.Equal((1L, true), ((long)seen["flattrs"]!, (bool)seen["flattred"]!));
    }

    static async Task<JsonNode> OkJsonAsync(FlattrProcess web, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}{Environment.NewLine}{web.RecentOutput}");
            return JsonNode.Parse(body)!;
        }
    }

    static async Task<bool> HealthyAsync(FlattrProcess web)
    {
        using var http = new HttpClient { BaseAddress = web.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync("health");
        return response.StatusCode == HttpStatusCode.OK;
    }

    static async Task<long> ClicksAsync(NpgsqlDataSource database, long giver, long thing)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2");
        command.Parameters.Add(new() { Value = giver });
        command.Parameters.Add(new() { Value = thing });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
