using System.Text;
using Flattr.Payments;
using Orleans;

namespace Flattr.Web.Payments;

/// <summary>
/// <c>POST /payments/sandbox/webhook</c>: the raw body and the signature header go to the payment grain, which verifies and
/// books them. In development, <c>POST /payments/sandbox/top-up</c> has the sandbox sign a payment and delivers it through the
/// very same handler, so a top-up exercises exactly the webhook path.
/// </summary>
public static class SandboxWebhook
{
    public const string WebhookPath = "/payments/sandbox/webhook";
    public const string TopUpPath = "/payments/sandbox/top-up";
    const int MaximumBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSandboxPayments(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(environment);
        endpoints.MapPost(WebhookPath, ReceiveAsync);
        if (environment.IsDevelopment())
        {
            endpoints.MapPost(TopUpPath, TopUpAsync);
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

    static async Task<IResult> TopUpAsync(SandboxTopUp topUp, IGrainFactory grains)
    {
        try
        {
            var signed = await grains.GetSandboxPayments().CreateSandboxPayment(topUp.UserId, topUp.AmountCents);
            return await DeliverAsync(grains, signed);
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
            var receipt = await grains.GetSandboxPayments().ReceiveWebhook(webhook);
            return Results.Json(receipt, PaymentsJson.Default.DepositReceipt);
        }
        catch (FlattrException e)
        {
            return Error(e.Code, e.Message);
        }
    }

    static IResult Error(string code, string description) =>
        Results.Json(new FlattrErrorBody(code, description), PaymentsJson.Default.FlattrErrorBody, statusCode: FlattrErrors.HttpStatusFor(code));
}
