using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary><c>GET /users/:username</c>, <c>GET /user</c> and their things.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/users/{username}", GetUserAsync)
            .WithName("GetUser").WithSummary("A user's public profile.").WithTags("Users")
            .Produces<UserJson>().ProducesErrors(404);
        api.MapGet("/user", GetSelfAsync).RequireApiUser()
            .WithName("GetAuthenticatedUser").WithSummary("The token's user; email with the email scope, registered_at with extendedread.")
            .WithTags("Users").Produces<UserJson>().ProducesErrors(401);
        api.MapGet("/users/{username}/things", GetThingsOfAsync)
            .WithName("GetUserThings").WithSummary("A user's things, newest first (hidden ones only for their owner).").WithTags("Users")
            .Produces<IReadOnlyList<ThingJson>>().ProducesErrors(400, 404);
        api.MapGet("/user/things", GetOwnThingsAsync).RequireApiUser()
            .WithName("GetAuthenticatedUserThings").WithSummary("The token user's things (hidden ones with extendedread or thing).")
            .WithTags("Users").Produces<IReadOnlyList<ThingJson>>().ProducesErrors(400, 401);
        return api;
    }

    static async Task<IResult> GetUserAsync(string username, ApiView view) =>
        await view.FindUserAsync(username) is { } profile
            ? ApiResults.Json(view.User(profile), ApiJsonContext.Default.UserJson)
            : ApiErrors.Result(FlattrErrors.NotFound, $"There is no user '{username}'.");

    static async Task<IResult> GetSelfAsync(ApiView view)
    {
        var profile = await view.Grains.GetUser(view.Caller.RequiredUserId).GetProfile();
        return ApiResults.Json(view.User(profile), ApiJsonContext.Default.UserJson);
    }

    static async Task<IResult> GetThingsOfAsync(string username, ApiView view)
    {
        var paging = ApiPaging.From(view.Http.Request);
        return await view.FindUserAsync(username) is { } profile
            ? await ThingsOfAsync(profile.Id, paging, view)
            : ApiErrors.Result(FlattrErrors.NotFound, $"There is no user '{username}'.");
    }

    static Task<IResult> GetOwnThingsAsync(ApiView view) => ThingsOfAsync(view.Caller.RequiredUserId, ApiPaging.From(view.Http.Request), view);

    static async Task<IResult> ThingsOfAsync(long ownerId, ApiPaging paging, ApiView view)
    {
        var page = await view.Grains.GetThingRegistry().ListByOwner(ownerId, view.CanSeeHiddenThingsOf(ownerId), paging.Page, paging.Count);
        paging.AddLinks(view.Http, page.TotalItems);
        var things = await view.ThingsAsync(page.Things, ApiQuery.Full(view.Http.Request));
        return ApiResults.Json(things, ApiJsonContext.Default.IReadOnlyListThingJson);
    }
}
