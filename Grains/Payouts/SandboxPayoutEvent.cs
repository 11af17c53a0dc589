using System.Text.Json.Serialization;

namespace Flattr.Payouts;

/// <summary>
/// The body of a sandbox payout webhook: a payout paid or failed. It repeats the payout's amount and currency, which must
/// match what was asked (amounts are integer cents; a fraction is malformed).
/// </summary>
public sealed record SandboxPayoutEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payout_id")] long PayoutId,
    [property: JsonPropertyName("amount_cents")] long AmountCents,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("failure_reason")] string? FailureReason = null)
{
    public const string PayoutPaid = "payout.paid";
    public const string PayoutFailed = "payout.failed";
}

[JsonSerializable(typeof(SandboxPayoutEvent))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, NumberHandling = JsonNumberHandling.Strict,
    RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
sealed partial class SandboxPayoutJson : JsonSerializerContext;
