using Flattr.Api;
using Flattr.Things;
using Flattr.Wallets;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary>Flattring (by thing id or by URL, auto-submit URLs included) and the listings of who flattred what.</summary>
public static class FlattrEndpoints
{
    public static RouteGroupBuilder MapFlattrEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/things/{id:long}/flattr", FlattrThingAsync).RequireScope(ApiScopes.Flattr).WithIdempotency()
            .WithName("FlattrThing").WithSummary("Flattrs a thing this month (optional body: {\"anonymous\": true}).").WithTags("Flattrs")
            .AcceptsBody<FlattrBody>()
            .Produces<MessageJson>().ProducesErrors(400, 401, 403, 404, 409, 410, 413, 415, 422);
        api.MapPost("/flattr", FlattrUrlAsync).RequireScope(ApiScopes.Flattr).WithIdempotency()
            .WithName("FlattrUrl").WithSummary("Flattrs the thing at a registered URL, or creates and flattrs the thing of an auto-submit URL.")
            .WithTags("Flattrs")
            .AcceptsBody<FlattrBody>()
            .Produces<MessageJson>().ProducesErrors(400, 401, 403, 404, 409, 410, 413, 415, 422);
        api.MapGet("/users/{username}/flattrs", GetFlattrsOfAsync)
            .WithName("GetUserFlattrs").WithSummary("A user's public flattrs, newest first (never anonymous ones).").WithTags("Flattrs")
            .Produces<IReadOnlyList<FlattrJson>>().ProducesErrors(400, 404);
        api.MapGet("/user/flattrs", GetOwnFlattrsAsync).RequireApiUser()
            .WithName("GetAuthenticatedUserFlattrs")
            .WithSummary("The token user's flattrs; anonymous ones too with the flattr or extendedread scope.").WithTags("Flattrs")
            .Produces<IReadOnlyList<FlattrJson>>().ProducesErrors(400, 401);
        api.MapGet("/things/{id:long}/flattrs", GetFlattrsOfThingAsync)
            .WithName("GetThingFlattrs").WithSummary("Who flattred a thing, newest first (never anonymous flattrs).").WithTags("Flattrs")
            .Produces<IReadOnlyList<FlattrJson>>().ProducesErrors(400, 404);
        return api;
    }

    static async Task<IResult> FlattrThingAsync(long id, ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.FlattrBody);
        var snapshot = await view.VisibleThingAsync(id);
        var result = await view.Grains.GetWallet(view.Caller.RequiredUserId, view.CurrentMonth).Flattr(id, await AnonymousAsync(view, body));
        return Flattred(view, snapshot.Info, result);
    }

    static async Task<IResult> FlattrUrlAsync(ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.FlattrBody);
        if (string.IsNullOrWhiteSpace(body?.Url))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The url parameter is required.");
        }

        var anonymous = await AnonymousAsync(view, body);
        var wallet = view.Grains.GetWallet(view.Caller.RequiredUserId, view.CurrentMonth);
        FlattrResult result;
        if (AutoSubmitUrls.TryParse(body.Url, view.Http.Request, out var link))
        {
            var submission = await link.ResolveAsync(view.Grains)
                ?? throw new FlattrException(FlattrErrors.NotFound, $"There is no user '{link.Owner}' to own this thing.");
            result = await wallet.FlattrAutoSubmit(submission, anonymous);
        }
        else
        {
            // Like a button on the page: the URL is known, so hidden things can be flattred here.
            var id = ThingUrl.TryNormalise(body.Url, out var url)
                ? await view.Grains.GetThingRegistry().LookupByUrl(url)
                : throw new FlattrException(FlattrErrors.Validation, "Invalid url.");
            result = await wallet.Flattr(id ?? throw new FlattrException(FlattrErrors.NotFound, "No thing was found at that URL."), anonymous);
        }

        return Flattred(view, await view.Grains.GetThing(result.ThingId).GetInfo(), result);
    }

    static IResult Flattred(ApiView view, ThingInfo thing, FlattrResult result) =>
        ApiResults.Json(
            new MessageJson
            {
                Message = "ok",
                Description = "Thing was successfully flattred",
                Location = view.Links.ThingResource(thing.Id),
                Thing = view.MiniThing(thing.Id, thing.Url, thing.Title, result.ThingTotalClicks, thing.OwnerUsername),
            },
            ApiJsonContext.Default.MessageJson);

    static async Task<bool> AnonymousAsync(ApiView view, FlattrBody? body) =>
        body?.Anonymous ?? (await view.Grains.GetUser(view.Caller.RequiredUserId).GetProfile()).AnonymousByDefault;

    static async Task<IResult> GetFlattrsOfAsync(string username, ApiView view)
    {
        var paging = ApiPaging.From(view.Http.Request);
        if (await view.FindUserAsync(username) is not { } profile)
        {
            return ApiErrors.Result(FlattrErrors.NotFound, $"There is no user '{username}'.");
        }

        return await ListAsync(view, paging, view.Grains.GetFlattrListings().ByGiver(profile.Id, view.CanSeePrivateFlattrsOf(profile.Id), paging.Page, paging.Count));
    }

    static Task<IResult> GetOwnFlattrsAsync(ApiView view)
    {
        var paging = ApiPaging.From(view.Http.Request);
        var userId = view.Caller.RequiredUserId;
        return ListAsync(view, paging, view.Grains.GetFlattrListings().ByGiver(userId, view.CanSeePrivateFlattrsOf(userId), paging.Page, paging.Count));
    }

    static async Task<IResult> GetFlattrsOfThingAsync(long id, ApiView view)
    {
        var paging = ApiPaging.From(view.Http.Request);
        await view.VisibleThingAsync(id);
        return await ListAsync(view, paging, view.Grains.GetFlattrListings().ByThing(id, paging.Page, paging.Count));
    }

    static async Task<IResult> ListAsync(ApiView view, ApiPaging paging, Task<FlattrListingPage> listing)
    {
        var page = await listing;
        paging.AddLinks(view.Http, page.TotalItems);
        IReadOnlyList<FlattrJson> flattrs =
        [
            .. page.Flattrs.Select(f => new FlattrJson
            {
                Thing = view.MiniThing(f.ThingId, f.ThingUrl, f.ThingTitle, f.ThingFlattrs, f.ThingOwnerUsername),
                Owner = view.MiniUser(f.GiverUsername),
                CreatedAt = UnixTime.Of(f.At),
                Anonymous = view.Caller.IsUser(f.GiverId) ? f.Anonymous : null,
            }),
        ];
        return ApiResults.Json(flattrs, ApiJsonContext.Default.IReadOnlyListFlattrJson);
    }
}
