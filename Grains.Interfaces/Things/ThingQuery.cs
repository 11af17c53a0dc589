using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

[GenerateSerializer, Alias("Flattr.ThingSort")]
public enum ThingSort
{
    /// <summary>Full-text rank, newest first when there is no text.</summary>
    Relevance,
    Newest,

    /// <summary>Most flattrs of all time.</summary>
    Flattrs,

    /// <summary>Most flattrs this month.</summary>
    FlattrsMonth,
}

/// <summary>
/// Search and browse: every given criterion must match. <see cref="Text"/> is full text over title, description and tags;
/// <see cref="Categories"/> and <see cref="Languages"/> match any of their values; every one of <see cref="Tags"/> must be present.
/// Hidden and deleted things are never listed. Page starts at 1; count 1–100.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingQuery")]
public sealed record ThingQuery(
    string? Text = null,
    ImmutableArray<string> Categories = default,
    ImmutableArray<string> Languages = default,
    ImmutableArray<string> Tags = default,
    long? OwnerId = null,
    ThingSort Sort = ThingSort.Relevance,
    int Page = 1,
    int Count = 30);
