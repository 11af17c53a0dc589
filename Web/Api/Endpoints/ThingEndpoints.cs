using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Things;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary>Things: read one or several, look up by URL, create, update, delete.</summary>
public static class ThingEndpoints
{
    const int MaximumIdsAtOnce = 100;

    public static RouteGroupBuilder MapThingEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/things/lookup", LookupAsync)
            .WithName("LookupThing").WithSummary("Finds the thing at a URL (or an auto-submit URL): 302 to it, or 404.").WithTags("Things")
            .Produces<MessageJson>(StatusCodes.Status302Found).ProducesErrors(400, 404);
        api.MapGet("/things/{ids}", GetAsync)
            .WithName("GetThings").WithSummary("One thing, or several with a comma-separated id list (/things/1,2,3).").WithTags("Things")
            .Produces<ThingJson>().Produces<IReadOnlyList<ThingJson>>().ProducesErrors(400, 404);
        api.MapPost("/things", CreateAsync).RequireScope(ApiScopes.Thing).WithIdempotency()
            .WithName("CreateThing").WithSummary("Registers a thing at a URL.").WithTags("Things")
            .AcceptsBody<ThingBody>()
            .Produces<MessageJson>(StatusCodes.Status201Created).ProducesErrors(400, 401, 403, 409, 413, 415, 422);
        api.MapMethods("/things/{id:long}", [HttpMethods.Patch], UpdateAsync).RequireScope(ApiScopes.Thing)
            .WithName("UpdateThing").WithSummary("Changes a thing's fields (only its owner).").WithTags("Things")
            .AcceptsBody<ThingBody>()
            .Produces<MessageJson>().ProducesErrors(400, 401, 403, 404, 413, 415);
        api.MapPost("/things/{id:long}", PostAsPatchAsync).RequireScope(ApiScopes.Thing).WithIdempotency()
            .WithName("UpdateThingByPost").WithSummary("PATCH for clients that cannot send it: POST with _method=patch.").WithTags("Things")
            .AcceptsBody<ThingBody>()
            .Produces<MessageJson>().ProducesErrors(400, 401, 403, 404, 413, 415);
        api.MapDelete("/things/{id:long}", DeleteAsync).RequireScope(ApiScopes.Thing)
            .WithName("DeleteThing").WithSummary("Deletes a thing (only its owner); it keeps its history.").WithTags("Things")
            .Produces(StatusCodes.Status204NoContent).ProducesErrors(401, 403, 404);
        return api;
    }

    static async Task<IResult> GetAsync(string ids, ApiView view)
    {
        if (ApiQuery.ThingIds(ids) is not { } thingIds)
        {
            return ApiErrors.Result(FlattrErrors.NotFound, "Things are named by numeric ids.");
        }

        if (thingIds.Length > MaximumIdsAtOnce)
        {
            return ApiErrors.Result(FlattrErrors.InvalidParameters, $"At most {MaximumIdsAtOnce} things at once.");
        }

        var snapshots = await view.Grains.GetThingRegistry().GetMany(thingIds);
        var things = await view.ThingsAsync(snapshots, ApiQuery.Full(view.Http.Request));
        if (thingIds.Length > 1)
        {
            return ApiResults.Json(things, ApiJsonContext.Default.IReadOnlyListThingJson);
        }

        return things.Count == 1
            ? ApiResults.Json(things[0], ApiJsonContext.Default.ThingJson)
            : ApiErrors.Result(FlattrErrors.NotFound, $"There is no thing {ids}.");
    }

    static async Task<IResult> LookupAsync(ApiView view)
    {
        var request = view.Http.Request;
        var url = ApiQuery.Text(request, "url") ?? throw new FlattrException(FlattrErrors.InvalidParameters, "The url parameter is required.");
        string? autoSubmitOwner = null;
        string target;
        if (AutoSubmitUrls.TryParse(url, request, out var link))
        {
            target = link.Url;
            autoSubmitOwner = link.Owner;
        }
        else
        {
            target = ThingUrl.TryNormalise(url, out var normalised) ? normalised : throw new FlattrException(FlattrErrors.Validation, "Invalid url.");
        }

        var id = await view.Grains.GetThingRegistry().LookupByUrl(target);
        var snapshot = id is null ? null : (await view.Grains.GetThingRegistry().GetMany([id.Value])).FirstOrDefault();
        if (snapshot is null || !view.CanSee(snapshot.Info))
        {
            return new ApiErrorResult(FlattrErrors.NotFound, "No thing was found", StatusCodes.Status404NotFound) { LegacyMessage = true };
        }

        if (autoSubmitOwner is not null && !string.Equals(snapshot.Info.OwnerUsername, autoSubmitOwner, StringComparison.Ordinal))
        {
            throw new FlattrException(FlattrErrors.Validation, "Owner mismatch: that URL is registered to another user.");
        }

        var location = view.Links.ThingResource(snapshot.Info.Id);
        view.Http.Response.Headers.Location = location;
        return ApiResults.Json(
            new MessageJson { Message = "found", Description = "Thing was found", Location = location },
            ApiJsonContext.Default.MessageJson,
            StatusCodes.Status302Found);
    }

    static async Task<IResult> CreateAsync(ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.ThingBody)
            ?? throw new FlattrException(FlattrErrors.InvalidParameters, "The url and title of the thing are required.");
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The url parameter is required.");
        }

        if (!ThingUrl.TryNormalise(body.Url, out _))
        {
            // Flattr's answer to a URL that is not one: 400 validation.
            throw new FlattrException(FlattrErrors.Validation, "Invalid url.");
        }

        var info = await view.Grains.GetThingRegistry().Register(view.Caller.RequiredUserId, new ThingSubmission(
            body.Url,
            body.Title ?? string.Empty,
            body.Description ?? string.Empty,
            body.Category ?? ThingCategories.Rest,
            body.Language ?? "en_GB",
            [.. body.Tags ?? []],
            body.Hidden ?? false));
        var resource = view.Links.ThingResource(info.Id);
        view.Http.Response.Headers.Location = resource;
        return ApiResults.Json(
            new MessageJson { Id = info.Id, Link = resource, Message = "ok", Description = "Thing was created successfully" },
            ApiJsonContext.Default.MessageJson,
            StatusCodes.Status201Created);
    }

    static async Task<IResult> UpdateAsync(long id, ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.ThingBody);
        return await UpdateWithAsync(id, body, view);
    }

    static async Task<IResult> PostAsPatchAsync(long id, ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.ThingBody);
        var method = body?.Method ?? ApiQuery.Text(view.Http.Request, "_method");
        return string.Equals(method, "patch", StringComparison.OrdinalIgnoreCase)
            ? await UpdateWithAsync(id, body, view)
            : ApiErrors.Result(FlattrErrors.InvalidParameters, "To change a thing, send PATCH (or POST with _method=patch).");
    }

    static async Task<IResult> UpdateWithAsync(long id, ThingBody? body, ApiView view)
    {
        if (body is null || (body.Title, body.Description, body.Category, body.Language, body.Tags, body.Hidden) is (null, null, null, null, null, null))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "Nothing to change: send title, description, category, language, tags or hidden.");
        }

        await view.Grains.GetThing(id).Update(view.Caller.RequiredUserId, new ThingUpdate(
            body.Title,
            body.Description,
            body.Category,
            body.Language,
            body.Tags is null ? null : [.. body.Tags],
            body.Hidden));
        return ApiResults.Json(new MessageJson { Message = "ok", Description = "Thing was updated correctly" }, ApiJsonContext.Default.MessageJson);
    }

    static async Task<IResult> DeleteAsync(long id, ApiView view)
    {
        await view.Grains.GetThing(id).Delete(view.Caller.RequiredUserId);
        return Results.NoContent();
    }

    /// <summary>The thing if the caller may see it (hidden and deleted things answer as unknown), else <c>not_found</c>.</summary>
    public static async Task<ThingSnapshot> VisibleThingAsync(this ApiView view, long id)
    {
        ArgumentNullException.ThrowIfNull(view);
        var snapshot = (await view.Grains.GetThingRegistry().GetMany(ImmutableArray.Create(id))).FirstOrDefault();
        return snapshot is not null && view.CanSee(snapshot.Info)
            ? snapshot
            : throw new FlattrException(FlattrErrors.NotFound, $"There is no thing {id}.");
    }
}
