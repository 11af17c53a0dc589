using Flattr.Api;
using Flattr.Payouts;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Endpoints;

/// <summary>The token user's payouts: what may be paid out and the payouts so far, and a new payout to the payout account.</summary>
public static class PayoutEndpoints
{
    public static RouteGroupBuilder MapPayoutEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/user/payouts", ListAsync).RequireScope(ApiScopes.ExtendedRead)
            .WithName("GetPayouts").WithSummary("What the token user may pay out now and their payouts, newest first.").WithTags("Payouts")
            .Produces<PayoutsJson>().ProducesErrors(401, 403);
        api.MapPost("/user/payouts", RequestAsync).RequireScope(ApiScopes.Payout).WithIdempotency()
            .WithName("RequestPayout")
            .WithSummary("Pays out to the payout account (optional body: {\"amount_cents\": n}; absent = everything available).")
            .WithTags("Payouts")
            .AcceptsBody<PayoutBody>()
            .Produces<PayoutJson>(StatusCodes.Status201Created).ProducesErrors(400, 401, 403, 409, 413, 415, 422);
        return api;
    }

    static async Task<IResult> ListAsync(ApiView view)
    {
        var earnings = await view.Grains.GetPayouts(view.Caller.RequiredUserId).GetEarnings();
        return ApiResults.Json(
            new PayoutsJson
            {
                AvailableCents = earnings.AvailableCents,
                MinimumCents = earnings.MinimumPayoutCents,
                PendingCents = earnings.PendingCents,
                Payouts = [.. earnings.Payouts.Select(Json)],
            },
            ApiJsonContext.Default.PayoutsJson);
    }

    static async Task<IResult> RequestAsync(ApiView view)
    {
        var body = await ApiRequestBody.ReadAsync(view.Http, ApiJsonContext.Default.PayoutBody);
        var payout = await view.Grains.GetPayouts(view.Caller.RequiredUserId).Request(body?.AmountCents);
        return ApiResults.Json(Json(payout), ApiJsonContext.Default.PayoutJson, StatusCodes.Status201Created);
    }

    static PayoutJson Json(PayoutInfo payout) => new()
    {
        Id = payout.Id,
        AmountCents = payout.AmountCents,
        Status = payout.Status.ToString().ToLowerInvariant(),
        Iban = payout.MaskedIban,
        RequestedAt = UnixTime.Of(payout.RequestedAt),
        SentAt = payout.SentAt is { } sent ? UnixTime.Of(sent) : null,
        CompletedAt = payout.CompletedAt is { } completed ? UnixTime.Of(completed) : null,
        FailureReason = payout.FailureReason,
    };
}
