using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Users;

public sealed class UserEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_users_public_profile_has_flattr_fields_and_no_private_ones()
    {
        var user = await host.CreateUserAsync("alice");
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/users/{user.Username}")).AssertOkAsync();

        Assert.Equal("user", (string?)body["type"]);
        Assert.Equal(user.Username, (string?)body["username"]);
        Assert.Equal(host.BaseAddress + $"rest/v2/users/{user.Username}", (string?)body["resource"]);
        Assert.Equal(host.BaseAddress + $"profile/{user.Username}", (string?)body["link"]);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["id"]);
        Assert.Equal("Test", (string?)body["firstname"]);
        Assert.Null(body["email"]);
        Assert.Null(body["registered_at"]);
    }

    [Fact]
    public async Task Another_users_token_never_sees_their_email_even_with_the_email_scope()
    {
        var alice = await host.CreateUserAsync("alice");
        var mallory = await host.CreateUserAsync("mallory");
        using var client = host.Client(await host.TokenAsync(mallory, "email", "extendedread"));

        var body = await (await client.GetAsync($"/rest/v2/users/{alice.Username}")).AssertOkAsync();

        Assert.Null(body["email"]);
        Assert.Null(body["registered_at"]);
        Assert.DoesNotContain(alice.Email, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_username_is_not_found()
    {
        using var client = host.Client();
        await (await client.GetAsync("/rest/v2/users/nobody_here")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_authenticated_user_needs_a_token()
    {
        using var client = host.Client();
        var response = await client.GetAsync("/rest/v2/user");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_authenticated_user_shows_email_only_with_the_email_scope()
    {
        var user = await host.CreateUserAsync();
        using var plain = host.Client(await host.TokenAsync(user));
        using var withEmail = host.Client(await host.TokenAsync(user, "email"));
        using var extended = host.Client(await host.TokenAsync(user, "extendedread"));

        var bare = await (await plain.GetAsync("/rest/v2/user")).AssertOkAsync();
        var mail = await (await withEmail.GetAsync("/rest/v2/user")).AssertOkAsync();
        var all = await (await extended.GetAsync("/rest/v2/user")).AssertOkAsync();

        Assert.Equal(user.Username, (string?)bare["username"]);
        Assert.Null(bare["email"]);
        Assert.Equal(user.Email, (string?)mail["email"]);
        Assert.Null(mail["registered_at"]);
        Assert.NotNull(all["registered_at"]);
    }

    [Fact]
    public async Task An_invalid_token_is_refused_even_on_public_resources()
    {
        using var client = host.Client("flattr_pat_not-a-real-token");
        var response = await client.GetAsync("/rest/v2/categories");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_does_not_authenticate_the_api()
    {
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        await (await browser.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_users_things_leave_out_hidden_ones_for_everyone_but_the_owner_with_extendedread()
    {
        var owner = await host.CreateUserAsync();
        var listed = await host.CreateThingAsync(owner);
        var hidden = await host.CreateThingAsync(owner, hidden: true);
        using var anonymous = host.Client();
        using var ownerPlain = host.Client(await host.TokenAsync(owner));
        using var ownerExtended = host.Client(await host.TokenAsync(owner, "extendedread"));

        var publicIds = Ids(await (await anonymous.GetAsync($"/rest/v2/users/{owner.Username}/things")).AssertOkAsync());
        var plainIds = Ids(await (await ownerPlain.GetAsync("/rest/v2/user/things")).AssertOkAsync());
        var extendedIds = Ids(await (await ownerExtended.GetAsync("/rest/v2/user/things")).AssertOkAsync());

        Assert.Equal([listed], publicIds);
        Assert.Equal([listed], plainIds);
        Assert.Equal([hidden, listed], extendedIds);
    }

    [Fact]
    public async Task A_users_things_are_paged_with_count_page_and_link_headers()
    {
        var owner = await host.CreateUserAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.CreateThingAsync(owner));
        }

        using var client = host.Client();
        var first = await client.GetAsync($"/rest/v2/users/{owner.Username}/things?count=2");
        var second = await client.GetAsync($"/rest/v2/users/{owner.Username}/things?count=2&page=2");
        var last = await client.GetAsync($"/rest/v2/users/{owner.Username}/things?count=2&page=3");
        var beyond = await client.GetAsync($"/rest/v2/users/{owner.Username}/things?count=2&page=4");

        ids.Reverse();
        Assert.Equal(ids[..2], Ids(await first.AssertOkAsync()));
        Assert.Equal(ids[2..4], Ids(await second.AssertOkAsync()));
        Assert.Equal(ids[4..], Ids(await last.AssertOkAsync()));
        Assert.Empty(Ids(await beyond.AssertOkAsync()));
        Assert.Contains("page=2", first.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", first.Header("Link"), StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", last.Header("Link"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("count=0")]
    [InlineData("count=101")]
    [InlineData("count=ten")]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    public async Task Bad_paging_is_invalid_parameters(string query)
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client();
        await (await client.GetAsync($"/rest/v2/users/{owner.Username}/things?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
    }

    static List<long> Ids(System.Text.Json.Nodes.JsonNode body) => [.. body.AsArray().Select(t => (long)t!["id"]!)];
}
