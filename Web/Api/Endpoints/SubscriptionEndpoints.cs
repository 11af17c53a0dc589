using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary>
/// Subscriptions: a thing flattred once every month, for 3, 6 or 12 months or until cancelled; one per giver and thing, as on
/// Flattr: PUT pauses and resumes it, DELETE ends it (an ended subscription is no longer listed).
/// </summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/user/subscriptions", ListAsync).RequireScope(ApiScopes.Flattr)
            .WithName("GetSubscriptions").WithSummary("The token user's subscriptions, one per thing: running ones first, then paused ones (active false).").WithTags("Subscriptions")
            .Produces<IReadOnlyList<SubscriptionJson>>().ProducesErrors(401, 403);
        api.MapPost("/things/{id:long}/subscriptions", SubscribeAsync).RequireScope(ApiScopes.Flattr).WithIdempotency()
            .WithName("Subscribe").WithSummary("Subscribes to a thing (optional body: {\"months\": 3|6|12}; absent = until cancelled).")
            .WithTags("Subscriptions")
            .AcceptsBody<SubscriptionBody>()
            .Produces<MessageJson>().ProducesErrors(400, 401, 403, 404, 409, 410, 413, 415);
        api.MapPut("/things/{id:long}/subscriptions", ToggleAsync).RequireScope(ApiScopes.Flattr)
            .WithName("ToggleSubscription").WithSummary("Pauses the running subscription, or resumes the paused one (Flattr's toggle).")
            .WithTags("Subscriptions")
            .Produces<MessageJson>().ProducesErrors(401, 403, 404, 409, 410);
        api.MapDelete("/things/{id:long}/subscriptions", CancelAsync).RequireScope(ApiScopes.Flattr)
            .WithName("CancelSubscription").WithSummary("Ends the subscription, running or paused, from next month (this month's flattr stays); it is no longer listed.")
            .WithTags("Subscriptions")
            .Produces(StatusCodes.Status204NoContent).ProducesErrors(401, 403, 404);
        return api;
    }

    static async Task<IResult> ListAsync(ApiView view)
    {
        var subscriptions = await view.Grains.GetSubscriptions(view.Caller.RequiredUserId).List();
        var things = (await view.Grains.GetThingRegistry().GetMany([.. subscriptions.Select(s => s.ThingId).Distinct()]))
            .ToDictionary(t => t.Info.Id);
        IReadOnlyList<SubscriptionJson> json =
        [
            .. subscriptions.Where(s => things.ContainsKey(s.ThingId)).Select(s => new SubscriptionJson
            {
                Active = s.Active,
                CreatedAt = UnixTime.Of(s.CreatedAt),
                StartedAt = UnixTime.Of(s.StartedAt),
                Months = s.Term == SubscriptionTerm.UntilCancelled ? null : (int)s.Term,
                Thing = view.MiniThing(things[s.ThingId]),
            }),
        ];
        return ApiResults.Json(json, ApiJsonContext.Default.IReadOnlyListSubscriptionJson);
    }

    static async Task<IResult> SubscribeAsync(long id, ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.SubscriptionBody);
        var term = body?.Months switch
        {
            null => SubscriptionTerm.UntilCancelled,
            3 => SubscriptionTerm.ThreeMonths,
            6 => SubscriptionTerm.SixMonths,
            12 => SubscriptionTerm.TwelveMonths,
            var other => throw new FlattrException(FlattrErrors.InvalidParameters, $"A subscription runs 3, 6 or 12 months (or until cancelled), not {other}."),
        };
        var snapshot = await view.VisibleThingAsync(id);
        await view.Grains.GetSubscriptions(view.Caller.RequiredUserId).Subscribe(id, term);
        return Answer(view, "ok", "Successfully subscribed to Thing", await FreshAsync(view, snapshot.Info.Id));
    }

    static async Task<IResult> ToggleAsync(long id, ApiView view)
    {
        await view.VisibleThingAsync(id);
        var toggled = await view.Grains.GetSubscriptions(view.Caller.RequiredUserId).Toggle(id);
        return toggled.Active
            ? Answer(view, "started", "Subscription started", await FreshAsync(view, id))
            : Answer(view, "paused", "Subscription paused", await FreshAsync(view, id));
    }

    static async Task<IResult> CancelAsync(long id, ApiView view)
    {
        await view.VisibleThingAsync(id);
        await view.Grains.GetSubscriptions(view.Caller.RequiredUserId).Cancel(id);
        return Results.NoContent();
    }

    /// <summary>The thing after the change (a subscription flattrs it this month, so its count moved).</summary>
    static async Task<ThingSnapshot> FreshAsync(ApiView view, long id) =>
        (await view.Grains.GetThingRegistry().GetMany(ImmutableArray.Create(id))).Single();

    static IResult Answer(ApiView view, string message, string description, ThingSnapshot thing) =>
        ApiResults.Json(new MessageJson { Message = message, Description = description, Thing = view.MiniThing(thing) }, ApiJsonContext.Default.MessageJson);
}
