using System.Net;
using System.Text.RegularExpressions;

namespace Flattr.Web.Tests.Support;

/// <summary>HTTP clients signed in through the sign-in form, in a chosen browser language.</summary>
public static partial class LanguageSignIn
{
    /// <summary>A client signed in as <paramref name="user"/> (cookies kept, redirects not followed), sending
    /// <paramref name="acceptLanguage"/> when given.</summary>
    public static async Task<HttpClient> SignInAsync(this FlattrApp app, TestUser user, string? acceptLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseUri,
        };
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        var form = await client.GetStringAsync("/signin");
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = user.Username,
            ["Password"] = FlattrApp.Password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>Posts a page's form handler with the page's antiforgery token; returns where it redirected.</summary>
    public static async Task<string> PostFormAsync(this HttpClient client, string page, string handler, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = AntiforgeryToken(await client.GetStringAsync(page));
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        using var response = await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
