using System.Net;
using System.Text.RegularExpressions;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Pages;

/// <summary>Runs against its own app with a tight limit, so the shared app's sign-ins are never throttled.</summary>
public sealed partial class SignInThrottleTests : IAsyncLifetime
{
    readonly FlattrApp _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Flattr:Web:SignInAttemptsPerMinute"] = "3";
        return _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_a_clear_message()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _app.BaseUri,
        };
        var form = await client.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        // The limits count per clock minute (shared by every node): begin early in one, so that all the attempts share a window.
        if (DateTime.UtcNow.Second >= 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Login"] = "nobody_" + i, ["Password"] = "wrong password", ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // Showing the form stays free.
        using var get = await client.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
