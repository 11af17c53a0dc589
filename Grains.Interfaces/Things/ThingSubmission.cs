using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>
/// A thing to register. Title 5–100 characters, description up to 1000, category one of <see cref="ThingCategories"/>,
/// language like <c>en_GB</c>, at most 20 tags. The URL is normalised (see <see cref="ThingUrl"/>) and must be unique.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingSubmission")]
public sealed record ThingSubmission(
    string Url,
    string Title,
    string Description = "",
    string Category = ThingCategories.Rest,
    string Language = "en_GB",
    ImmutableArray<string> Tags = default,
    bool Hidden = false);
