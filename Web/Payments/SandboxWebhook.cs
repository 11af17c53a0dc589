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
        // The bytes actually read are limited, not only the announced length: a chunked body is stopped at the limit.
        if (request.ContentLength > MaximumBodyBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[MaximumBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (length > MaximumBodyBytes)
        {
            return TooLarge();
        }

        var body = Encoding.UTF8.GetString(buffer, 0, length);
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

    static IResult TooLarge() =>
        Results.Json(new FlattrErrorBody(Api.Errors.ApiErrorCodes.RequestTooLarge, "The webhook body is larger than 64 KiB."), PaymentsJson.Default.FlattrErrorBody,
            statusCode: StatusCodes.Status413PayloadTooLarge);

    static IResult Error(string code, string description) =>
        Results.Json(new FlattrErrorBody(code, description), PaymentsJson.Default.FlattrErrorBody, statusCode: FlattrErrors.HttpStatusFor(code));
}
