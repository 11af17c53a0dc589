namespace Flattr.Web.Api.Representations;

/// <summary>A flattr: the mini thing (with its owner), the flattrer as a mini user, and when (unix seconds).</summary>
public sealed record FlattrJson
{
    public string Type { get; init; } = "flattr";

    public required ThingJson Thing { get; init; }

    public required UserJson Owner { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>Only in the giver's own listings: whether the flattr is hidden from everyone else.</summary>
    public bool? Anonymous { get; init; }
}
