using System.Net;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Pages;

[Collection(FlattrAppCollection.Name)]
public sealed class SecurityHeaderTests(FlattrApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/me")]
    [InlineData("/button/confirm?thing=1")]
    [InlineData("/trending")]
    public async Task Every_page_but_the_button_frame_refuses_to_be_framed(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_button_frame_may_be_framed_by_any_site()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/button/view?url=https%3A%2F%2Fexample.org%2Fnothing-here");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", csp, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_before_it_reaches_the_page()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/things/1/flattr");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"error\":\"forbidden\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["Login"] = "x", ["Password"] = "y" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pages_that_need_an_account_send_anonymous_visitors_to_sign_in()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/me", "/dashboard", "/things/new" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
