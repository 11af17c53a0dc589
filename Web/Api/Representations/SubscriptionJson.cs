namespace Flattr.Web.Api.Representations;

/// <summary>
/// A subscription: it flattrs the thing once every month while active. <see cref="Months"/> is the term (3, 6 or 12;
/// absent = until cancelled); <see cref="StartedAt"/> is the start of its first month; times are unix seconds.
/// </summary>
public sealed record SubscriptionJson
{
    public string Type { get; init; } = "subscription";

    public required bool Active { get; init; }

    public required long CreatedAt { get; init; }

    public required long StartedAt { get; init; }

    public int? Months { get; init; }

    public required ThingJson Thing { get; init; }
}
