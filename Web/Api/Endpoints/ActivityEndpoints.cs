using System.Globalization;
using Flattr.Api;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary>
/// Activities as Activity Streams 1.0: <c>type=outgoing</c> (default) is what the user flattred, <c>type=incoming</c> what was
/// flattred of the user's things. Anonymous flattrs appear only in the giver's own outgoing stream.
/// </summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/users/{username}/activities", GetActivitiesOfAsync)
            .WithName("GetUserActivities").WithSummary("A user's public activities (type=outgoing|incoming).").WithTags("Activities")
            .Produces<ActivityStreamJson>().ProducesErrors(400, 404);
        api.MapGet("/user/activities", GetOwnActivitiesAsync).RequireApiUser()
            .WithName("GetAuthenticatedUserActivities").WithSummary("The token user's activities (type=outgoing|incoming).")
            .WithTags("Activities")
            .Produces<ActivityStreamJson>().ProducesErrors(400, 401);
        return api;
    }

    static async Task<IResult> GetActivitiesOfAsync(string username, ApiView view)
    {
        var (paging, incoming) = Parameters(view.Http.Request);
        return await view.FindUserAsync(username) is { } profile
            ? await StreamAsync(view, profile.Id, incoming, paging)
            : Errors.ApiErrors.Result(FlattrErrors.NotFound, $"There is no user '{username}'.");
    }

    static Task<IResult> GetOwnActivitiesAsync(ApiView view)
    {
        var (paging, incoming) = Parameters(view.Http.Request);
        return StreamAsync(view, view.Caller.RequiredUserId, incoming, paging);
    }

    static (ApiPaging Paging, bool Incoming) Parameters(HttpRequest request) =>
        (ApiPaging.From(request), ApiQuery.Text(request, "type") switch
        {
            null or "outgoing" => false,
            "incoming" => true,
            var other => throw new FlattrException(FlattrErrors.InvalidParameters, $"type is outgoing or incoming, not '{other}'."),
        });

    static async Task<IResult> StreamAsync(ApiView view, long userId, bool incoming, ApiPaging paging)
    {
        var listings = view.Grains.GetFlattrListings();
        var page = incoming
            ? await listings.ToOwner(userId, view.CanSeeHiddenThingsOf(userId), paging.Page, paging.Count)
            : await listings.ByGiver(userId, view.CanSeePrivateFlattrsOf(userId), paging.Page, paging.Count);
        paging.AddLinks(view.Http, page.TotalItems);
        var host = view.Links.BaseUri.Host;
        IReadOnlyList<ActivityJson> items =
        [
            .. page.Flattrs.Select(f => new ActivityJson(
                f.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                $"{f.GiverUsername} flattred \"{f.ThingTitle}\"",
                new ActivityObjectJson(f.GiverUsername, view.Links.UserLink(f.GiverUsername), "person"),
                "like",
                new ActivityObjectJson(f.ThingTitle, view.Links.ThingLink(f.ThingId), "bookmark"),
                string.Create(CultureInfo.InvariantCulture, $"tag:{host},{f.At:yyyy-MM-dd}:{f.GiverUsername}/flattr/{f.ThingId}"))),
        ];
        return Errors.ApiResults.Json(new ActivityStreamJson(items), ApiJsonContext.Default.ActivityStreamJson);
    }
}
