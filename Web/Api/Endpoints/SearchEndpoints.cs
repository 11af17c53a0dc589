using System.Text.RegularExpressions;
using Flattr.Api;
using Flattr.Things;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary><c>GET /things/search</c>: text, URL, boolean tags, languages, categories, user; Flattr's six orders.</summary>
public static partial class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/things/search", SearchAsync)
            .WithName("SearchThings")
            .WithSummary("Searches listed things: query, url, tags (a | b ! c & d), language, category, user, sort, page, count.")
            .WithTags("Things")
            .Produces<SearchResultJson>().ProducesErrors(400);
        return api;
    }

    static async Task<IResult> SearchAsync(ApiView view)
    {
        var request = view.Http.Request;
        var paging = ApiPaging.From(request);
        var sortName = ApiQuery.Text(request, "sort") ?? "relevance";
        if (!ThingSearchSorts.TryParse(sortName, out var sort))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"sort is one of {string.Join(", ", ThingSearchSorts.Names)}.");
        }

        long? ownerId = null;
        if (ApiQuery.Text(request, "user") is { } username)
        {
            if (await view.FindUserAsync(username) is not { } owner)
            {
                return ApiResults.Json(new SearchResultJson(0, 0, paging.Page, []), ApiJsonContext.Default.SearchResultJson);
            }

            ownerId = owner.Id;
        }

        var search = new ThingSearch(
            ApiQuery.Text(request, "query"),
            ApiQuery.Text(request, "url"),
            ApiQuery.Text(request, "tags"),
            ApiQuery.List(request, "language", language => LanguagePattern().IsMatch(language)),
            ApiQuery.List(request, "category", ThingCategories.IsKnown),
            ownerId,
            sort,
            paging.Page,
            paging.Count);
        var page = await view.Grains.GetThingSearch().Search(search);
        paging.AddLinks(view.Http, page.TotalItems, page.MoreThanTotal);
        var things = await view.ThingsAsync(page.Things, ApiQuery.Full(request));
        return ApiResults.Json(new SearchResultJson(page.TotalItems, things.Count, page.Page, things), ApiJsonContext.Default.SearchResultJson);
    }

    [GeneratedRegex("^[a-z]{2}_[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
