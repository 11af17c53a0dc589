using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// A payout to the user's bank account: <see cref="Status"/> is requested, sent, paid or failed (a failed payout's amount is
/// back in the balance); the IBAN is masked; times are unix seconds.
/// </summary>
public sealed record PayoutJson
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "payout";

    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("amount_cents")]
    public required long AmountCents { get; init; }

    [JsonPropertyName("currency")]
    public string Currency { get; init; } = "EUR";

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("iban")]
    public required string Iban { get; init; }

    [JsonPropertyName("requested_at")]
    public required long RequestedAt { get; init; }

    [JsonPropertyName("sent_at")]
    public long? SentAt { get; init; }

    [JsonPropertyName("completed_at")]
    public long? CompletedAt { get; init; }

    [JsonPropertyName("failure_reason")]
    public string? FailureReason { get; init; }
}
