using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Requests;

/// <summary><c>POST /things/:id/subscriptions</c>: <see cref="Months"/> is 3, 6 or 12; absent, the subscription runs until cancelled.</summary>
public sealed record SubscriptionBody
{
    [JsonPropertyName("months")]
    public int? Months { get; init; }
}
