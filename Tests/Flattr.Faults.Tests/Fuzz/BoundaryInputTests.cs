using System.Net;
using System.Text;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// The inputs fuzzing found or aims at, pinned down: the NUL character (PostgreSQL cannot store it) in every kind of field,
/// and oversized bodies and fields. Each is refused with a 4xx (never a 500) and changes nothing.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class BoundaryInputTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    const string Nul = "a\0b";

    [Fact]
    public async Task The_nul_character_anywhere_is_refused_without_a_server_error()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(0), output);
        using var owner = await App.MemberAsync("nulowner");
        using var giver = await App.GiverAsync();
        var thing = await App.CreateThingAsync(owner.User);
        var escaped = Uri.EscapeDataString(Nul);
        var gets = new[]
        {
            $"/button/confirm?user_id={escaped}&url=https%3A%2F%2Fexample.org%2Fnul", $"/submit/auto?user_id={escaped}&url=https%3A%2F%2Fexample.org%2Fnul",
            $"/button/view?uid={escaped}&url=https%3A%2F%2Fexample.org%2Fnul", $"/search?q={escaped}", $"/browse?category={escaped}&language={escaped}",
            $"/tags/{escaped}", $"/profile/{escaped}", $"/button.svg?url=https%3A%2F%2Fexample.org%2F{escaped}", $"/verify?token={escaped}",
        };
        foreach (var path in gets)
        {
            await fuzz.SendAsync("GET " + path, () => giver.Session.Http.GetAsync(path), FuzzRunner.NeverChanges);
        }

        var posts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/button/confirm?user_id={escaped}&url=https%3A%2F%2Fexample.org%2Fnul2", []),
            ("/things/new", new() { ["Form.Url"] = "https://example.org/nul3", ["Form.Title"] = "Title " + Nul, ["Form.Category"] = "text", ["Form.Language"] = "en_GB" }),
            ("/things/new", new() { ["Form.Url"] = "https://example.org/" + Nul, ["Form.Title"] = "A good title", ["Form.Category"] = "text", ["Form.Language"] = "en_GB" }),
            ("/things/new", new() { ["Form.Url"] = "https://example.org/nul4", ["Form.Title"] = "A good title", ["Form.Description"] = Nul, ["Form.Tags"] = Nul, ["Form.Category"] = "text", ["Form.Language"] = "en_GB" }),
        };
        foreach (var (path, fields) in posts)
        {
            await fuzz.SendAsync("POST " + path, () => giver.PostAsync(path, fields), FuzzRunner.RefusedUnlessRedirect);
        }

        using var visitor = App.Visitor();
        await fuzz.SendAsync("POST /signin with a NUL login", () => visitor.PostFormAsync("/signin", "/signin", new() { ["Login"] = Nul, ["Password"] = Nul }),
            FuzzRunner.NeverChanges);
        await fuzz.SendAsync("POST /signup with a NUL e-mail", () => visitor.PostFormAsync("/signup", "/signup", new()
        {
            ["Username"] = "nuluser", ["Email"] = "nul\0@example.org", ["Password"] = "long enough password",
        }), FuzzRunner.RefusedUnlessRedirect);
        fuzz.AssertClean();
    }

    [Fact]
    public async Task Oversized_bodies_and_fields_are_refused_without_a_server_error()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(0), output);
        using var giver = await App.GiverAsync();
        var megabyte = new string('m', 1 << 20);
        await fuzz.SendAsync("POST /things/new with a 1 MB title", () => giver.PostAsync("/things/new", new()
        {
            ["Form.Url"] = "https://example.org/huge", ["Form.Title"] = megabyte, ["Form.Category"] = "text", ["Form.Language"] = "en_GB",
        }), FuzzRunner.RefusedUnlessRedirect);
        await fuzz.SendAsync("POST /me?handler=TopUp with a 1 MB amount", () => giver.PostAsync("/me?handler=TopUp", new() { ["amount"] = megabyte }),
            response => Task.FromResult(true));
        foreach (var size in new[] { 64 * 1024 + 1, 2 << 20, 40 << 20 })
        {
            // Expect: 100-continue, as a well-behaved client sends a large body: the refusal comes before the upload.
            await fuzz.SendAsync($"POST webhook of {size} bytes", async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/sandbox/webhook")
                {
                    Content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string('{', size))),
                };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.ExpectContinue = true;
                return await giver.Session.Http.SendAsync(request);
            }, FuzzRunner.RefusedUnlessSuccess);
        }

        await fuzz.SendAsync("GET with a 60 KB query string", () => giver.Session.Http.GetAsync("/search?q=" + new string('q', 60_000)), FuzzRunner.NeverChanges);
        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task A_search_text_over_its_limit_is_refused_with_400_on_every_listing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(0), output);
        using var visitor = App.Visitor();
        var text = new string('q', 201);
        foreach (var path in new[] { $"/search?q={text}", $"/browse?q={text}", $"/browse?category=text&q={text}" })
        {
            await fuzz.SendAsync("GET " + path, async () =>
            {
                var response = await visitor.Http.GetAsync(path);
                if (response.StatusCode != System.Net.HttpStatusCode.BadRequest)
                {
                    fuzz.Violation($"GET {path}: {(int)response.StatusCode}, expected 400");
                }

                return response;
            }, FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
    }

    [Fact]
    public async Task A_blank_profile_name_is_not_found()
    {
        using var visitor = App.Visitor();
        foreach (var name in new[] { "%20", "%0D%0A", "%09" })
        {
            using var response = await visitor.Http.GetAsync("/profile/" + name);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }

        Tally.Check();
    }

    [Fact]
    public async Task Pages_asked_with_a_method_or_handler_they_do_not_have_answer_405()
    {
        using var owner = await App.MemberAsync("methods");
        var thing = await App.CreateThingAsync(owner.User);
        var fuzz = new FuzzRunner(App, new FuzzValues(0), output);
        foreach (var path in new[] { $"/things/{thing}", "/me", "/dashboard", "/browse", $"/profile/{owner.User.Username}", "/signin", "/button/view", "/" })
        {
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("TRACE"), HttpMethod.Post })
            {
                await fuzz.SendAsync($"{method} {path}", async () =>
                {
                    // With a valid token, so that only the missing handler is left to refuse it.
                    using var request = new HttpRequestMessage(method, path)
                    {
                        Content = new FormUrlEncodedContent(new Dictionary<string, string> { [WebSession.FormTokenField] = owner.Token }),
                    };
                    var response = await owner.Session.Http.SendAsync(request);
                    if (response.StatusCode != System.Net.HttpStatusCode.MethodNotAllowed
                        && !(method == HttpMethod.Post && response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Redirect))
                    {
                        fuzz.Violation($"{method} {path}: {(int)response.StatusCode}, expected 405");
                    }

                    return response;
                }, FuzzRunner.NeverChanges);
            }
        }

        fuzz.AssertClean();
    }
}
