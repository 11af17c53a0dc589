using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// Password guessing against the real sign-in form, on an app of its own with tight limits: throttled per client address and
/// per account, so neither one address nor many addresses can keep guessing, and a right guess after the limit gets nowhere.
/// Clients on other addresses are real: the sockets bind to 127.0.0.x.
/// </summary>
public sealed class SignInAbuseTests : IAsyncLifetime
{
    readonly FlattrApp _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Flattr:Web:SignInAttemptsPerMinute"] = "4";
        _app.Settings["Flattr:Web:SignInAttemptsPerAccountPerMinute"] = "3";
        return _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Invariants.AssertLedgerAuditOkAsync(_app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Guessing_from_one_address_is_throttled_and_the_right_password_then_gets_nowhere()
    {
        var victim = await _app.CreateUserAsync("victim");
        using var client = new WebSession(_app.BaseUri, IPAddress.Parse("127.0.0.2"));
        // The limits count per clock minute (shared by every node): begin early in one, so that all the guesses share a window.
        if (DateTime.UtcNow.Second >= 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A different account each time: the address's own limit is the one that stops it.
            using var guess = await client.PostFormAsync("/signin", "/signin", new() { ["Login"] = $"nobody{i}@example.org", ["Password"] = "guess " + i });
            statuses.Add(guess.StatusCode);
        }

        using var right = await client.PostFormAsync("/signin", "/signin", new() { ["Login"] = victim.Username, ["Password"] = FlattrApp.Password });
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
        Assert.False(client.HasSession);
        Tally.Check();
    }

    [Fact]
    public async Task Guessing_one_account_from_many_addresses_is_throttled_per_account()
    {
        var victim = await _app.CreateUserAsync("victim");
        var bystander = await _app.CreateUserAsync("bystander");
        // The limits count per clock minute (shared by every node): begin early in one, so that all the guesses share a window.
        if (DateTime.UtcNow.Second >= 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // Every guess from a fresh address, so no address reaches its own limit.
            using var client = new WebSession(_app.BaseUri, IPAddress.Parse($"127.0.1.{10 + i}"));
            using var guess = await client.PostFormAsync("/signin", "/signin", new() { ["Login"] = victim.Username, ["Password"] = "guess " + i });
            statuses.Add(guess.StatusCode);
        }

        using var late = new WebSession(_app.BaseUri, IPAddress.Parse("127.0.1.99"));
        using (var right = await late.PostFormAsync("/signin", "/signin", new() { ["Login"] = victim.Username, ["Password"] = FlattrApp.Password }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
            Assert.NotNull(right.Headers.RetryAfter);
            Assert.False(late.HasSession);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);

        // The e-mail address is the same account as the username.
        using (var byEmail = new WebSession(_app.BaseUri, IPAddress.Parse("127.0.1.98")))
        using (var guess = await byEmail.PostFormAsync("/signin", "/signin", new() { ["Login"] = victim.Username.ToUpperInvariant() + "@EXAMPLE.ORG", ["Password"] = "x" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, guess.StatusCode);
        }

        // Other accounts are not locked out by it.
        using var other = new WebSession(_app.BaseUri, IPAddress.Parse("127.0.1.97"));
        Assert.True(await other.SignInAsync(bystander.Username, FlattrApp.Password));
        Tally.Check();
    }
}
