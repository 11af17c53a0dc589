using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// <c>GET /user/payouts</c>: what may be paid out now (<see cref="AvailableCents"/>), the smallest payout, the open month's
/// expected income, and the payouts, newest first.
/// </summary>
public sealed record PayoutsJson
{
    [JsonPropertyName("available_cents")]
    public required long AvailableCents { get; init; }

    [JsonPropertyName("minimum_cents")]
    public required long MinimumCents { get; init; }

    [JsonPropertyName("pending_cents")]
    public required long PendingCents { get; init; }

    [JsonPropertyName("currency")]
    public string Currency { get; init; } = "EUR";

    [JsonPropertyName("payouts")]
    public required IReadOnlyList<PayoutJson> Payouts { get; init; }
}
