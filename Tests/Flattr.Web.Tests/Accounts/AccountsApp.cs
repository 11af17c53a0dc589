using System.Net;
using System.Text.RegularExpressions;
using Flattr.Settlement;
using Flattr.Web.Accounts;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace Flattr.Web.Tests.Accounts;

/// <summary>
/// The real app on a fake clock for the account tests: tokens expire and rate-limit windows roll when a test moves the clock
/// (each test begins in fresh windows with <see cref="FreshWindows"/>). Tight sign-up limits; the month-end reminder is off, so
/// a test settles a month itself. The clock starts at the real time, so the cookies it dates stay valid for the HTTP client.
/// </summary>
public sealed partial class AccountsApp : IAsyncLifetime
{
    public const int SignUpsPerAddressPerHour = 3;
    public const int SignUpsPerMinute = 5;
    public const int MailsPerRecipientPerHour = 3;

    readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _cookies = [];

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FlattrApp App { get; private set; } = null!;

    public IGrainFactory Grains => App.Grains;

    public OutboxEmailSender Outbox => App.Services.GetRequiredService<OutboxEmailSender>();

    public Task InitializeAsync()
    {
        App = new FlattrApp { Clock = Clock };
        App.Settings["Flattr:Settlement:StartMonthEndReminder"] = "false";
        App.Settings["Flattr:Accounts:SignUpsPerAddressPerHour"] = SignUpsPerAddressPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Flattr:Accounts:SignUpsPerMinute"] = SignUpsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Flattr:Accounts:MailsPerRecipientPerHour"] = MailsPerRecipientPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Flattr:Accounts:MailsPerAddressPerHour"] = "1000";
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Moves the clock to the start of the next clock hour plus a minute: every hourly and minutely window is new.</summary>
    public void FreshWindows()
    {
        var now = Clock.GetUtcNow();
        Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1).AddMinutes(1));
    }

    /// <summary>Moves the clock just past the end of <paramref name="month"/>.</summary>
    public void EndMonth(Month month) => Clock.SetUtcNow(month.End + TimeSpan.FromMinutes(1));

    public Task<SettlementProgressReport> SettleAsync(Month month) => Grains.GetSettlement(month).Run();

    /// <summary>A client with its own cookies that does not follow redirects.</summary>
    public HttpClient NewClient()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = App.BaseUri };
        _cookies.Add(client, cookies);
        return client;
    }

    /// <summary>The value of the session cookie a client of <see cref="NewClient"/> holds now.</summary>
    public string SessionCookieOf(HttpClient client) => _cookies.TryGetValue(client, out var cookies)
        ? cookies.GetCookies(App.BaseUri)["flattr.session"]?.Value ?? throw new InvalidOperationException("The client holds no session cookie.")
        : throw new InvalidOperationException("Not a client of this app.");

    /// <summary>An HTTP client signed in as the user with the password (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> SignInAsync(string login, string password = FlattrApp.Password)
    {
        var client = NewClient();
        using var response = await PostFormAsync(client, "/signin", new() { ["Login"] = login, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form the way its page does: first reads the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var form = await client.GetStringAsync(formPage ?? path.Split('?')[0]);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The newest mail to the address, or null.</summary>
    public EmailMessage? LastMailTo(string address) =>
        Outbox.Messages.FirstOrDefault(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one link in a mail.</summary>
    public static Uri LinkIn(EmailMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return new Uri(Link().Match(mail.Body).Value);
    }

    /// <summary>Whether the client's cookie still opens /me (a signed-out request is sent to the sign-in page).</summary>
    public static async Task<bool> OpensMeAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync("/me");
        return response.StatusCode == HttpStatusCode.OK;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

/// <summary>The account tests share one <see cref="AccountsApp"/> and run one after the other (they move its clock).</summary>
[CollectionDefinition(Name)]
public sealed class AccountsAppCollection : ICollectionFixture<AccountsApp>, ICollectionFixture<Browser>
{
    public const string Name = "accounts app";
}
