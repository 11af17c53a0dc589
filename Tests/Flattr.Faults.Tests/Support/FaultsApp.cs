using Flattr.Things;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Silo;
using Silo.Hosting;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The web tests' <see cref="FlattrApp"/> (the real app in-process on Kestrel, its own database), shared by the abuse, fuzz
/// and header tests, with limits that let a test send many requests from one address. The brute-force test runs its own.
/// </summary>
public sealed class FaultsApp : IAsyncLifetime
{
    public FlattrApp App { get; } = new();

    public Uri BaseUri => App.BaseUri;

    public IGrainFactory Grains => App.Grains;

    public NpgsqlDataSource Database => App.Services.GetRequiredService<NpgsqlDataSource>();

    public ISiloDiagnostics Silo => App.Services.GetRequiredService<ISiloDiagnostics>();

    public Task InitializeAsync()
    {
        App.Settings["Flattr:Web:SignInAttemptsPerMinute"] = "100000";
        App.Settings["Flattr:Web:FlattrsPerMinute"] = "100000";
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    public WebSession Visitor() => new(BaseUri);

    /// <summary>A new session signed in as <paramref name="user"/> through the sign-in form.</summary>
    public async Task<WebSession> SignedInAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = Visitor();
        Assert.True(await session.SignInAsync(user.Username, FlattrApp.Password), $"{user.Username} could not sign in");
        return session;
    }

    public async Task<long> CreateThingAsync(TestUser owner, bool hidden = false, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var info = await Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(
            url ?? $"https://example.org/{owner.Username}/{Guid.NewGuid():N}", "A thing worth flattring", "Words.", ThingCategories.Text,
            "en_GB", ["abuse"], hidden));
        return info.Id;
    }

    public Task<StateFingerprint> FingerprintAsync() => StateFingerprint.TakeAsync(Database);
}

[CollectionDefinition(Name)]
public sealed class FaultsAppCollection : ICollectionFixture<FaultsApp>
{
    public const string Name = "faults app";
}
