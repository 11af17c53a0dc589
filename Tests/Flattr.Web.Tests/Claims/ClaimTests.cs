using System.Net;
using System.Text;
using Flattr.Things;
using Flattr.Web.Accounts;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Claims;

/// <summary>
/// Ownership claims against a local blog server: each proof moves the thing, anything else leaves it where it is, and the
/// fetch stays inside its limits (addresses, redirects, size, time). The app allows loopback for these blogs (FlattrApp).
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class ClaimTests(FlattrApp app)
{
    [Fact]
    public async Task A_payment_link_to_the_claimants_auto_submit_url_moves_the_thing_and_mails_the_previous_owner()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/post", (HttpRequest request) => Html(
            $"""<link rel="payment" href="{new Uri(app.BaseUri, "/submit/auto")}?user_id={claimant.Username}&amp;url={Uri.EscapeDataString(Url(request))}">""", "")));
        var thing = await RegisterAsync(squatter, blog, "/post");

        var (notice, isError) = await ClaimAsync(claimant, thing.Id);

        Assert.Equal((Texts.English.ClaimDone, false), (notice, isError));
        Assert.Equal(claimant.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
        var mail = Assert.Single(app.Services.GetRequiredService<OutboxEmailSender>().Messages, m => m.To == squatter.Username + "@example.org");
        Assert.Equal(Texts.English.ThingClaimedMailSubject, mail.Subject);
        Assert.Contains(thing.Title, mail.Body, StringComparison.Ordinal);
        Assert.Contains(claimant.Username, mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_meta_tag_naming_the_claimant_moves_the_thing()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/post", () => Html(
            $"""<meta name="flattr:owner" content=" {claimant.Username.ToUpperInvariant()} ">""", "")));
        var thing = await RegisterAsync(squatter, blog, "/post");

        Assert.Equal((Texts.English.ClaimDone, false), await ClaimAsync(claimant, thing.Id));
        Assert.Equal(claimant.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
    }

    [Fact]
    public async Task A_well_known_file_listing_the_claimant_moves_the_thing()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        await using var blog = await BlogSite.StartAsync(site =>
        {
            site.MapGet("/post", () => Html(string.Empty, "<p>No tags here.</p>"));
            site.MapGet("/.well-known/flattr", () => Results.Text($"# who may claim this site\nsomeone_else\n  {claimant.Username}  # me\n", "text/plain"));
        });
        var thing = await RegisterAsync(squatter, blog, "/post");

        Assert.Equal((Texts.English.ClaimDone, false), await ClaimAsync(claimant, thing.Id));
        Assert.Equal(claimant.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
    }

    [Fact]
    public async Task A_page_without_proof_in_its_head_is_refused_and_the_thing_stays()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));

        // A visitor's comment in the body naming the claimant proves nothing; nor does a payment link for another page.
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/post", () => Html(
            $"""<link rel="payment" href="{new Uri(app.BaseUri, "/submit/auto")}?user_id={claimant.Username}&amp;url=https%3A%2F%2Fother.example.org%2F">""",
            $"""<div class="comment"><meta name="flattr:owner" content="{claimant.Username}"></div>""")));
        var thing = await RegisterAsync(squatter, blog, "/post");

        Assert.Equal((Texts.English.ClaimNoProof, true), await ClaimAsync(claimant, thing.Id));
        Assert.Equal(squatter.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
    }

    [Fact]
    public async Task A_proof_for_another_user_is_refused()
    {
        var (squatter, claimant, other) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"), await app.CreateUserAsync("other"));
        await using var blog = await BlogSite.StartAsync(site =>
        {
            site.MapGet("/post", (HttpRequest request) => Html(
                $"""<meta name="flattr:owner" content="{other.Username}"><link rel="payment" href="{new Uri(app.BaseUri, "/submit/auto")}?user_id={other.Username}&amp;url={Uri.EscapeDataString(Url(request))}">""", ""));
            site.MapGet("/.well-known/flattr", () => Results.Text(other.Username + "\n" + claimant.Username + "x\n", "text/plain"));
        });
        var thing = await RegisterAsync(squatter, blog, "/post");

        Assert.Equal((Texts.English.ClaimNoProof, true), await ClaimAsync(claimant, thing.Id));
        Assert.Equal(squatter.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
    }

    [Fact]
    public async Task Redirects_to_private_or_link_local_addresses_and_long_redirect_chains_are_refused()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        var proof = Html($"""<meta name="flattr:owner" content="{claimant.Username}">""", "");
        await using var blog = await BlogSite.StartAsync(site =>
        {
            site.MapGet("/intranet", () => Results.Redirect("http://10.20.30.40/admin"));
            site.MapGet("/metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
            site.MapGet("/v6", () => Results.Redirect("http://[fd00::1]/"));
            site.MapGet("/hop/{n:int}", (int n) => n < 4 ? Results.Redirect($"/hop/{n + 1}") : proof);
            site.MapGet("/three/{n:int}", (int n) => n < 3 ? Results.Redirect($"/three/{n + 1}") : proof);
        });

        foreach (var path in new[] { "/intranet", "/metadata", "/v6" })
        {
            var thing = await RegisterAsync(squatter, blog, path);
            Assert.Equal((Texts.English.ClaimNotPublic, true), await ClaimAsync(claimant, thing.Id));
            Assert.Equal(squatter.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
        }

        var chain = await RegisterAsync(squatter, blog, "/hop/0");
        Assert.Equal((Texts.English.ClaimTooManyRedirects, true), await ClaimAsync(claimant, chain.Id));
        var three = await RegisterAsync(squatter, blog, "/three/0");
        Assert.Equal((Texts.English.ClaimDone, false), await ClaimAsync(claimant, three.Id));
    }

    [Fact]
    public async Task A_page_of_10_MB_is_refused_whether_or_not_it_declares_its_length()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        var head = Encoding.UTF8.GetBytes(Page($"""<meta name="flattr:owner" content="{claimant.Username}">""", ""));
        await using var blog = await BlogSite.StartAsync(site =>
        {
            site.MapGet("/chunked", (HttpContext http) => WriteLargeAsync(http, head, declareLength: false));
            site.MapGet("/declared", (HttpContext http) => WriteLargeAsync(http, head, declareLength: true));
        });

        foreach (var path in new[] { "/chunked", "/declared" })
        {
            var thing = await RegisterAsync(squatter, blog, path);
            Assert.Equal((Texts.English.ClaimTooLarge, true), await ClaimAsync(claimant, thing.Id));
            Assert.Equal(squatter.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
        }
    }

    [Fact]
    public async Task A_page_that_never_answers_or_never_finishes_is_refused_when_the_time_budget_ends()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        await using var blog = await BlogSite.StartAsync(site =>
        {
            site.MapGet("/silent", async (HttpContext http) => await Task.Delay(Timeout.Infinite, http.RequestAborted));
            site.MapGet("/dripping", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync("<html><head>", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            });
        });

        foreach (var path in new[] { "/silent", "/dripping" })
        {
            var thing = await RegisterAsync(squatter, blog, path);
            Assert.Equal((Texts.English.ClaimTimedOut, true), await ClaimAsync(claimant, thing.Id));
            Assert.Equal(squatter.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
        }
    }

    [Fact]
    public async Task A_claimant_over_the_hourly_limit_is_refused_without_any_fetch()
    {
        // The limit counts per clock hour: begin well inside one.
        var now = DateTimeOffset.UtcNow;
        if (now.Minute >= 58)
        {
            await Task.Delay(TimeSpan.FromMinutes(60 - now.Minute) - TimeSpan.FromSeconds(now.Second) + TimeSpan.FromSeconds(1));
        }

        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        var fetches = 0;
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/post", () =>
        {
            Interlocked.Increment(ref fetches);
            return Html(string.Empty, "<p>No proof.</p>");
        }));
        var thing = await RegisterAsync(squatter, blog, "/post");
        using var client = await SignedInClient.SignInAsync(app, claimant);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal((Texts.English.ClaimNoProof, true), await ClaimAsync(client, thing.Id));
        }

        Assert.Equal((Texts.English.ClaimTooManyAttempts, true), await ClaimAsync(client, thing.Id));
        Assert.Equal(20, fetches);
    }

    [Fact]
    public async Task Registering_a_registered_address_links_to_the_thing_and_its_claim()
    {
        var (squatter, claimant) = (await app.CreateUserAsync("squatter"), await app.CreateUserAsync("author"));
        var url = $"https://blog.example.org/{Guid.NewGuid():N}";
        var thing = await app.Grains.GetThingRegistry().Register(squatter.Id, new ThingSubmission(url, "Somebody else's post"));
        using var client = await SignedInClient.SignInAsync(app, claimant);

        using var response = await client.PostFormAsync("/things/new", "/things/new", new Dictionary<string, string>
        {
            ["Form.Url"] = url, ["Form.Title"] = "My very own post", ["Form.Category"] = ThingCategories.Text, ["Form.Language"] = "en_GB",
        });

        var page = await SignedInClient.ParseAsync(response);
        Assert.StartsWith(Texts.English.ErrorUrlTaken, page.QuerySelector("[role=alert]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/things/{thing.Id}", page.QuerySelector("#existing-thing")?.GetAttribute("href"));
        Assert.Equal($"/things/{thing.Id}/claim", page.QuerySelector("#claim-existing")?.GetAttribute("href"));
    }

    async Task<ThingInfo> RegisterAsync(TestUser owner, BlogSite blog, string path) =>
        await app.Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(new Uri(blog.BaseUri, path).ToString(), "A post on a blog"));

    async Task<(string? Notice, bool IsError)> ClaimAsync(TestUser claimant, long thingId)
    {
        using var client = await SignedInClient.SignInAsync(app, claimant);
        return await ClaimAsync(client, thingId);
    }

    static async Task<(string? Notice, bool IsError)> ClaimAsync(SignedInClient client, long thingId)
    {
        using var response = await client.PostFormAsync($"/things/{thingId}/claim", $"/things/{thingId}/claim", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = (await SignedInClient.ParseAsync(response)).QuerySelector("#notice");
        return (notice?.TextContent.Trim(), notice?.ClassList.Contains("error") == true);
    }

    /// <summary>The page's own address as the thing registered it (the blog answers on localhost).</summary>
    static string Url(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.Path}";

    static IResult Html(string head, string body) => Results.Content(Page(head, body), "text/html; charset=utf-8");

    static string Page(string head, string body) =>
        $"<!DOCTYPE html><html><head><title>A blog</title>{head}</head><body><h1>A post</h1>{body}</body></html>";

    /// <summary>The proof first, then 10 MB of padding.</summary>
    static async Task WriteLargeAsync(HttpContext http, byte[] head, bool declareLength)
    {
        const int total = 10 * 1024 * 1024;
        var padding = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        http.Response.ContentType = "text/html";
        if (declareLength)
        {
            http.Response.ContentLength = total;
        }

        try
        {
            await http.Response.Body.WriteAsync(head, http.RequestAborted);
            for (var written = head.Length; written < total; written += padding.Length)
            {
                await http.Response.Body.WriteAsync(padding.AsMemory(0, Math.Min(padding.Length, total - written)), http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The reader stopped at its limit and hung up.
        }
    }
}
