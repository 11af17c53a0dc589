using System.Globalization;
using Flattr.Things;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.RateLimiting;
using Flattr.Web.Api.Representations;

namespace Flattr.Web.Api.Endpoints;

/// <summary><c>GET /categories</c>, <c>GET /languages</c> and <c>GET /rate_limit</c>.</summary>
public static class ReferenceEndpoints
{
    static readonly IReadOnlyList<NamedEntryJson> Categories =
    [
        new(ThingCategories.Text, "Text"),
        new(ThingCategories.Images, "Images"),
        new(ThingCategories.Video, "Video"),
        new(ThingCategories.Audio, "Audio"),
        new(ThingCategories.Software, "Software"),
        new(ThingCategories.People, "People"),
        new(ThingCategories.Rest, "Other"),
    ];

    public static RouteGroupBuilder MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/categories", () => ApiResults.Json(Categories, ApiJsonContext.Default.IReadOnlyListNamedEntryJson))
            .WithName("GetCategories").WithSummary("The categories of things.").WithTags("Reference")
            .Produces<IReadOnlyList<NamedEntryJson>>();
        api.MapGet("/languages", () => ApiResults.Json(ApiLanguages.All, ApiJsonContext.Default.IReadOnlyListNamedEntryJson))
            .WithName("GetLanguages").WithSummary("The languages of things.").WithTags("Reference")
            .Produces<IReadOnlyList<NamedEntryJson>>();
        api.MapGet("/rate_limit", GetRateLimit).DisableRateLimiting()
            .WithName("GetRateLimit").WithSummary("The caller's hourly window; not limited itself.").WithTags("Reference")
            .Produces<RateLimitJson>();
        return api;
    }

    static async Task<IResult> GetRateLimit(HttpContext http, ApiRateLimits windows)
    {
        var (limit, remaining, reset) = await windows.PeekAsync(windows.KeyFor(http));
        return ApiResults.Json(
            new RateLimitJson(
                limit,
                remaining,
                limit - remaining,
                reset.ToUnixTimeSeconds(),
                reset.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 GMT"),
            ApiJsonContext.Default.RateLimitJson);
    }
}
