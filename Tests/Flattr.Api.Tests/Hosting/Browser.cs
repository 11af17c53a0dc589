using System.Net;

namespace Flattr.Api.Tests.Hosting;

/// <summary>Signs a browser-like client in through the real sign-in form, and posts the app's forms with their antiforgery token.</summary>
public static class Browser
{
    public static async Task SignInAsync(this HttpClient browser, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(user);
        var page = await browser.GetStringAsync("/signin");
        var response = await browser.PostAsync("/signin", Http.Form(
            ("Login", user.Username), ("Password", user.Password), ("__RequestVerificationToken", Http.AntiforgeryToken(page))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Loads <paramref name="pagePath"/> for its antiforgery token, then posts the form fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetStringAsync(pagePath);
        return await browser.PostAsync(action, Http.Form([.. fields, ("__RequestVerificationToken", Http.AntiforgeryToken(page))]));
    }
}
