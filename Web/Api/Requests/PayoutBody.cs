using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Requests;

/// <summary><c>POST /user/payouts</c>: <see cref="AmountCents"/> is a whole number of cents; absent, everything available is paid out.</summary>
public sealed record PayoutBody
{
    [JsonPropertyName("amount_cents")]
    public long? AmountCents { get; init; }
}
