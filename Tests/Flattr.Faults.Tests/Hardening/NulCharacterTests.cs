using System.Net;
using System.Text;
using Flattr.Faults.Tests.Support;
using Flattr.Api;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// PostgreSQL text cannot hold the NUL character (U+0000): it is refused at the edges, in the API (query and JSON or form
/// bodies), the pages' forms, the button's auto-submit and the path, with 400 <c>invalid_parameters</c> and nothing stored.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class NulCharacterTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Api_search_with_a_nul_in_tags_or_query_answers_400_invalid_parameters()
    {
        using var api = App.ApiClient();
        foreach (var path in new[] { "/rest/v2/things/search?tags=a%00b", "/rest/v2/things/search?query=a%00b", "/rest/v2/things/search?url=a%00" })
        {
            using var response = await api.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_parameters", await WebSession.ErrorCodeAsync(response));
        }

        Tally.Check(3);
    }

    [Fact]
    public async Task Api_thing_with_a_nul_in_its_title_answers_400_and_stores_nothing()
    {
        var owner = await App.App.CreateUserAsync("nulapi");
        var token = await App.TokenAsync(owner, ApiScopes.Thing);
        var before = await App.FingerprintAsync();
        using var api = App.ApiClient();
        var bodies = new (string Body, string MediaType)[]
        {
            ($"{{\"url\":\"https://example.org/{Guid.NewGuid():N}\",\"title\":\"a\\u0000b\"}}", "application/json"),
            ($"{{\"url\":\"https://example.org/{Guid.NewGuid():N}\",\"title\":\"ok\",\"tags\":[\"x\\u0000\"]}}", "application/json"),
            ($"url=https%3A%2F%2Fexample.org%2F{Guid.NewGuid():N}&title=a%00b", "application/x-www-form-urlencoded"),
        };
        foreach (var (body, mediaType) in bodies)
        {
            using var request = WebSession.ApiRequest(HttpMethod.Post, "/rest/v2/things", token);
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
            using var response = await api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_parameters", await WebSession.ErrorCodeAsync(response));
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check(4);
    }

    [Fact]
    public async Task A_page_form_the_auto_submit_and_a_path_with_a_nul_answer_400_and_store_nothing()
    {
        using var owner = await App.MemberAsync("nulpage");
        var before = await App.FingerprintAsync();
        using (var form = await owner.PostAsync("/things/new", new()
        {
            ["Form.Url"] = $"https://example.org/{Guid.NewGuid():N}", ["Form.Title"] = "a\0b", ["Form.Category"] = "text", ["Form.Language"] = "en_GB",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        }

        var query = $"?user_id={owner.User.Username}&url=https%3A%2F%2Fexample.org%2F{Guid.NewGuid():N}&title=a%00b&category=text&language=en_GB";
        foreach (var path in new[] { "/submit/auto" + query, "/button/confirm" + query, "/things/1%00", "/search?q=a%00b" })
        {
            using var response = await owner.Session.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check(6);
    }
}
