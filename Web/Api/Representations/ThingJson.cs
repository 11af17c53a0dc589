namespace Flattr.Web.Api.Representations;

/// <summary>
/// A thing as Flattr API v2 wrote it. The mini form (in flattrs, subscriptions, answers to a flattr) leaves the optional
/// fields out; <see cref="Flattred"/> and <see cref="Subscribed"/> appear for a caller with a token, <see cref="LastFlattrAt"/>
/// and <see cref="UpdatedAt"/> only for the thing's owner. Times are unix seconds.
/// </summary>
public sealed record ThingJson
{
    public string Type { get; init; } = "thing";

    public required string Resource { get; init; }

    public required string Link { get; init; }

    public required long Id { get; init; }

    public required string Url { get; init; }

    /// <summary>Flattrs of all time.</summary>
    public required long Flattrs { get; init; }

    /// <summary>Flattrs this calendar month (UTC), live.</summary>
    public long? FlattrsThisMonth { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Language { get; init; }

    public string? Category { get; init; }

    public long? CreatedAt { get; init; }

    public UserJson? Owner { get; init; }

    public bool? Hidden { get; init; }

    public bool? Flattred { get; init; }

    public bool? Subscribed { get; init; }

    public long? LastFlattrAt { get; init; }

    public long? UpdatedAt { get; init; }
}
