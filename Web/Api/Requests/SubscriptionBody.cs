namespace Flattr.Web.Api.Requests;

/// <summary><c>POST /things/:id/subscriptions</c>: <see cref="Months"/> is 3, 6 or 12; absent, the subscription runs until cancelled.</summary>
public sealed record SubscriptionBody
{
    public int? Months { get; init; }
}
