using Flattr.Api;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

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

    /// <summary>The app silo's grain activations by grain class ("Thing", "Wallet", ...), from Orleans' management grain.</summary>
    public Task<IReadOnlyDictionary<string, int>> ActivationsByTypeAsync() => Activations.ByTypeAsync(Grains);

    public Task InitializeAsync()
    {
        App.Settings["Flattr:Web:SignInAttemptsPerMinute"] = "100000";
        App.Settings["Flattr:Web:SignInAttemptsPerAccountPerMinute"] = "100000";
        App.Settings["Flattr:Web:FlattrsPerMinute"] = "100000";
        App.Settings["Flattr:Accounts:SignUpsPerAddressPerHour"] = "100000";
        App.Settings["Flattr:Accounts:SignUpsPerMinute"] = "100000";
        App.Settings["Flattr:Accounts:MailsPerAddressPerHour"] = "100000";
        App.Settings["Flattr:Api:TokenRequestsPerHour"] = "100000";
        App.Settings["Flattr:Api:AddressRequestsPerHour"] = "100000";

        // Abuse is refused by design here: the hub's and the webhook's refusals need not fill the test log.
        App.Settings["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Critical";
        App.Settings["Logging:LogLevel:Flattr.Payments"] = "Error";
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

    /// <summary>A verified user signed in through the form, with the antiforgery token of their session.</summary>
    public async Task<Member> MemberAsync(string prefix, long depositCents = 0, long budgetCents = 500)
    {
        var user = await App.CreateUserAsync(prefix, depositCents, budgetCents);
        var session = await SignedInAsync(user);
        return new Member(user, session, await session.TokenAsync("/me"));
    }

    /// <summary>A member with money and a budget: able to flattr.</summary>
    public Task<Member> GiverAsync() => MemberAsync("giver", depositCents: 2_000);

    public async Task<long> CreateThingAsync(TestUser owner, bool hidden = false, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var info = await Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(
            url ?? $"https://example.org/{owner.Username}/{Guid.NewGuid():N}", "A thing worth flattring", "Words.", ThingCategories.Text,
            "en_GB", ["abuse"], hidden));
        return info.Id;
    }

    public Task<StateFingerprint> FingerprintAsync(params string[] alsoIgnored) => StateFingerprint.TakeAsync(Database, alsoIgnored);

    /// <summary>A personal access token with these scopes, made as the settings page makes them.</summary>
    public async Task<string> TokenAsync(TestUser user, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await Grains.GetAccessTokens(user.Id).CreatePersonal("faults", [.. scopes])).Secret;
    }

    /// <summary>An API client: no cookies (the API never reads them), every request counted.</summary>
    public WebSession ApiClient() => new(BaseUri);
}

/// <summary>A signed-in member: who they are, their session and its antiforgery token.</summary>
public sealed record Member(TestUser User, WebSession Session, string Token) : IDisposable
{
    public long Id => User.Id;

    public Task<HttpResponseMessage> FlattrAsync(long thingId) => Session.FlattrAsync(thingId, Token);

    /// <summary>Posts a form of this member's session with their antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string>? fields = null)
    {
        var withToken = new Dictionary<string, string>(fields ?? []) { [WebSession.FormTokenField] = Token };
        using var content = new FormUrlEncodedContent(withToken);
        return await Session.Http.PostAsync(action, content);
    }

    public void Dispose() => Session.Dispose();
}

[CollectionDefinition(Name)]
public sealed class FaultsAppCollection : ICollectionFixture<FaultsApp>
{
    public const string Name = "faults app";
}
