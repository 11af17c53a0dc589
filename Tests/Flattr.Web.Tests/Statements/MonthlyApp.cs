using System.Net;
using System.Text.RegularExpressions;
using Flattr.Payments;
using Flattr.Settlement;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans;

namespace Flattr.Web.Tests.Statements;

/// <summary>
/// The real app on a fake clock that its tests move forward a month at a time. The month-end reminder is off: the tests settle
/// through the settlement grain (or plan through the engine to see a month that is settling). The clock starts at the real time,
/// so the cookies it dates stay valid for the HTTP client and the browser.
/// </summary>
public sealed partial class MonthlyApp : IAsyncLifetime
{
    readonly string _noClickPolicy;

    /// <summary>The default policy <c>charity</c> (xunit builds collection fixtures with this constructor).</summary>
    public MonthlyApp()
        : this("Charity")
    {
    }

    internal MonthlyApp(string noClickPolicy) => _noClickPolicy = noClickPolicy;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FlattrApp App { get; private set; } = null!;

    public IGrainFactory Grains => App.Grains;

    public NpgsqlDataSource Database => App.Services.GetRequiredService<NpgsqlDataSource>();

    public bool Rollover => _noClickPolicy == "Rollover";

    public Task InitializeAsync()
    {
        App = new FlattrApp { Clock = Clock };
        App.Settings["Flattr:Money:NoClickPolicy"] = _noClickPolicy;
        App.Settings["Flattr:Settlement:StartMonthEndReminder"] = "false";
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Moves the clock to the 10th of the next month and returns that month (nobody has used it yet).</summary>
    public Month StartNextMonth()
    {
        var month = Month.Current(Clock).Next();
        Clock.SetUtcNow(month.Start + TimeSpan.FromDays(9.5));
        return month;
    }

    /// <summary>Moves the clock just past the end of <paramref name="month"/>.</summary>
    public void EndMonth(Month month) => Clock.SetUtcNow(month.End + TimeSpan.FromMinutes(1));

    /// <summary>Closes the month and snapshots the plan without settling anyone: the month is settling.</summary>
    public Task PlanAsync(Month month) => App.Services.GetRequiredService<SettlementEngine>().PlanAsync(month);

    public Task<SettlementProgressReport> SettleAsync(Month month) => Grains.GetSettlement(month).Run();

    public async Task<DepositReceipt> DepositAsync(long userId, long cents)
    {
        var payments = Grains.GetSandboxPayments();
        return await payments.ReceiveWebhook(await payments.CreateSandboxPayment(userId, cents));
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> SignInAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = App.BaseUri,
        };
        var form = await client.GetStringAsync("/signin");
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = user.Username,
            ["Password"] = FlattrApp.Password,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
