using System.Text;
using Flattr.Payments;
using Flattr.Payouts;
using Flattr.Web.Payments;
using Orleans;

namespace Flattr.Web.Earnings;

/// <summary>
/// <c>POST /payments/sandbox/payouts/webhook</c>: the sandbox payout provider's confirmation (paid or failed), raw body and
/// signature header (the deposits' <see cref="SignedWebhook.SandboxSignatureHeader"/>) handed to the provider grain, which
/// verifies and books it once. In development, <c>POST /payments/sandbox/payouts/{id}/paid</c> (or <c>/failed</c>) has the
/// sandbox sign that confirmation and delivers it through the very same handler.
/// </summary>
public static class SandboxPayoutWebhook
{
    public const string WebhookPath = "/payments/sandbox/payouts/webhook";
    const int MaximumBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSandboxPayouts(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(environment);
        endpoints.MapPost(WebhookPath, ReceiveAsync);
        if (environment.IsDevelopment())
        {
            endpoints.MapPost("/payments/sandbox/payouts/{id:long}/{outcome:regex(^(paid|failed)$)}", ConfirmAsync);
        }

        return endpoints;
    }

    static async Task<IResult> ReceiveAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaximumBodyBytes)
        {
            return Error(FlattrErrors.InvalidParameters, "The webhook body is too large.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return await DeliverAsync(grains, new SignedWebhook(body, request.Headers[SignedWebhook.SandboxSignatureHeader].ToString()));
    }

    static async Task<IResult> ConfirmAsync(long id, string outcome, IGrainFactory grains)
    {
        try
        {
            return await DeliverAsync(grains, await grains.GetSandboxPayouts().CreateSandboxConfirmation(id, outcome == "paid"));
        }
        catch (FlattrException e)
        {
            return Error(e.Code, e.Message);
        }
    }

    static async Task<IResult> DeliverAsync(IGrainFactory grains, SignedWebhook webhook)
    {
        try
        {
            return Results.Json(await grains.GetSandboxPayouts().ReceiveWebhook(webhook), EarningsJson.Default.PayoutReceipt);
        }
        catch (FlattrException e)
        {
            return Error(e.Code, e.Message);
        }
    }

    static IResult Error(string code, string description) =>
        Results.Json(new FlattrErrorBody(code, description), EarningsJson.Default.FlattrErrorBody, statusCode: FlattrErrors.HttpStatusFor(code));
}
