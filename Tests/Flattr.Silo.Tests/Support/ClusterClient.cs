using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Silo.Hosting;
using Flattr.Things;
using Flattr.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flattr.Silo.Tests.Support;

/// <summary>
/// An Orleans cluster client in the test process (<see cref="FlattrSiloHosting.AddFlattrClient"/>, as the web in client
/// mode): it finds the cluster's gateways in the membership table. Tests set up users, money and things through it, the
/// way the web pages do.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    readonly IHost _host;

    ClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterClient> ConnectAsync(ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(cluster.For().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseOrleansClient(client => client.AddFlattrClient(builder.Configuration, cluster.ConnectionString));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new ClusterClient(host);
    }

    public async Task<long> CreateUserAsync(string prefix)
    {
        var username = $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";
        var profile = await Grains.GetUserDirectory().Register(new SignUp(username, username + "@example.org", "Test " + prefix, "en_GB", null));
        await Grains.GetUser(profile.Id).MarkEmailVerified();
        return profile.Id;
    }

    /// <summary>A user who can flattr: a monthly budget and a deposit booked from a signed sandbox webhook.</summary>
    public async Task<long> CreateGiverAsync()
    {
        var giver = await CreateUserAsync("giver");
        await Grains.GetUser(giver).SetBudget(500);
        var payments = Grains.GetSandboxPayments();
        await payments.ReceiveWebhook(await payments.CreateSandboxPayment(giver, 1_000));
        return giver;
    }

    public async Task<long> CreateThingAsync(long ownerId)
    {
        var thing = await Grains.GetThingRegistry().Register(ownerId, new ThingSubmission(
            $"https://example.org/{Guid.NewGuid():N}", "A thing worth flattring", "Words about it.", ThingCategories.Text, "en_GB",
            ImmutableArray<string>.Empty, false));
        return thing.Id;
    }

    /// <summary>A personal access token with the flattr scope (the token settings page makes them the same way).</summary>
    public async Task<string> FlattrTokenAsync(long userId) =>
        (await Grains.GetAccessTokens(userId).CreatePersonal("silo-tests", [ApiScopes.Flattr])).Secret;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
