using System.Text.Json.Serialization;

namespace Flattr.Payments;

/// <summary>The body of a sandbox webhook: a payment that succeeded. Amounts are integer cents (a fraction is malformed).</summary>
public sealed record SandboxPaymentEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payment_id")] string PaymentId,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("amount_cents")] long AmountCents,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("created")] long Created)
{
    public const string PaymentSucceeded = "payment.succeeded";
}

[JsonSerializable(typeof(SandboxPaymentEvent))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, NumberHandling = JsonNumberHandling.Strict,
    RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
sealed partial class SandboxPaymentJson : JsonSerializerContext;
