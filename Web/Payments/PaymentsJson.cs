using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Payments;

namespace Flattr.Web.Payments;

/// <summary>A development top-up request: whose balance, and how many cents (the sandbox's deposit rules apply).</summary>
public sealed record SandboxTopUp(
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("amount_cents")] long AmountCents);

/// <summary>Flattr API v2's error body.</summary>
public sealed record FlattrErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

[JsonSerializable(typeof(DepositReceipt))]
[JsonSerializable(typeof(SandboxTopUp))]
[JsonSerializable(typeof(FlattrErrorBody))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
sealed partial class PaymentsJson : JsonSerializerContext;
