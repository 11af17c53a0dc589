using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// An HTTP client signed in to the app (cookies kept, redirects not followed) that reads pages with AngleSharp and posts their
/// forms with the antiforgery token the page carries, as a browser would.
/// </summary>
public sealed class SignedInClient : IDisposable
{
    readonly HttpClient _http;

    SignedInClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<SignedInClient> SignInAsync(FlattrApp app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseUri,
        };
        var client = new SignedInClient(http);
        using var response = await client.PostFormAsync("/signin", "/signin", new Dictionary<string, string>
        {
            ["Login"] = user.Username,
            ["Password"] = FlattrApp.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Gets <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var token = await TokenAsync(formPage);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await _http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a multipart form with one file, as an upload form does.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string formPage, string action, string field, byte[] file, string fileName, string contentType)
    {
        var token = await TokenAsync(formPage);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(part, field, fileName);
        return await _http.PostAsync(action, content);
    }

    async Task<string> TokenAsync(string formPage)
    {
        var page = await GetPageAsync(formPage);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{formPage} has no antiforgery token.");
    }

    public void Dispose() => _http.Dispose();
}
