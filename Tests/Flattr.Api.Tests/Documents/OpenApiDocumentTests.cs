using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Documents;

public sealed class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    public static TheoryData<string, string> Operations => new()
    {
        { "get", "/rest/v2/users/{username}" },
        { "get", "/rest/v2/user" },
        { "get", "/rest/v2/users/{username}/things" },
        { "get", "/rest/v2/user/things" },
        { "get", "/rest/v2/things/{ids}" },
        { "get", "/rest/v2/things/lookup" },
        { "post", "/rest/v2/things" },
        { "patch", "/rest/v2/things/{id}" },
        { "post", "/rest/v2/things/{id}" },
        { "delete", "/rest/v2/things/{id}" },
        { "get", "/rest/v2/things/search" },
        { "get", "/rest/v2/users/{username}/flattrs" },
        { "get", "/rest/v2/user/flattrs" },
        { "get", "/rest/v2/things/{id}/flattrs" },
        { "post", "/rest/v2/things/{id}/flattr" },
        { "post", "/rest/v2/flattr" },
        { "get", "/rest/v2/user/subscriptions" },
        { "post", "/rest/v2/things/{id}/subscriptions" },
        { "put", "/rest/v2/things/{id}/subscriptions" },
        { "delete", "/rest/v2/things/{id}/subscriptions" },
        { "get", "/rest/v2/users/{username}/activities" },
        { "get", "/rest/v2/user/activities" },
        { "get", "/rest/v2/categories" },
        { "get", "/rest/v2/languages" },
        { "get", "/rest/v2/rate_limit" },
        { "get", "/rest/v2/user/payouts" },
        { "post", "/rest/v2/user/payouts" },

        // The OAuth endpoints are OpenIddict's: the oauth2 security scheme names them, and the server's own metadata
        // (/.well-known/oauth-authorization-server, TokenLifecycleTests) describes them all.
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_document_describes_every_endpoint(string method, string path)
    {
        var document = await DocumentAsync();
        Assert.NotNull(document["paths"]?[path]?[method]);
    }

    [Fact]
    public async Task The_document_describes_only_the_api()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(Operations.Select(o => (string)o[1]).Distinct().Order(), paths.Order());
        Assert.Equal("3.1.1", (string?)document["openapi"]);
        Assert.Equal("Flattr REST API", (string?)document["info"]!["title"]);
    }

    [Fact]
    public async Task Schemas_use_flattrs_snake_case_field_names()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var thing = schemas["ThingJson"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        var rateLimit = schemas["RateLimitJson"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        var error = schemas["ErrorJson"]!["properties"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("created_at", thing);
        Assert.Contains("last_flattr_at", thing);
        Assert.DoesNotContain("createdAt", thing);
        Assert.Equal(["hourly_limit", "remaining_hits", "current_hits", "reset_time_in_seconds", "reset_time"], rateLimit);
        Assert.Contains("error_description", error);
    }

    [Fact]
    public async Task Operations_name_the_scope_they_need_and_the_idempotency_key()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!;
        var create = document["paths"]!["/rest/v2/things"]!["post"]!;
        var flattr = document["paths"]!["/rest/v2/things/{id}/flattr"]!["post"]!;
        var publicRead = document["paths"]!["/rest/v2/categories"]!["get"]!;

        Assert.Equal("bearer", (string?)schemes["bearer"]!["scheme"]);
        Assert.Equal("/oauth/token", (string?)schemes["oauth2"]!["flows"]!["authorizationCode"]!["tokenUrl"]);
        Assert.Equal("/oauth/token", (string?)schemes["oauth2"]!["flows"]!["authorizationCode"]!["refreshUrl"]);
        Assert.NotNull(schemes["oauth2"]!["flows"]!["authorizationCode"]!["scopes"]!["extendedread"]);
        Assert.Contains(create["security"]!.AsArray(), r => r!["oauth2"]?.AsArray().Any(s => (string?)s == "thing") == true);
        Assert.Contains(flattr["security"]!.AsArray(), r => r!["oauth2"]?.AsArray().Any(s => (string?)s == "flattr") == true);
        Assert.Null(publicRead["security"]);
        Assert.Contains(create["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(create["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
        Assert.NotNull(create["responses"]!["201"]);
        Assert.NotNull(create["responses"]!["413"]);
    }

    async Task<JsonNode> DocumentAsync()
    {
        using var client = host.Client();
        return await (await client.GetAsync("/rest/v2/openapi.json")).AssertOkAsync();
    }
}
