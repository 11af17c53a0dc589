using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>A thing's descriptive data as registered (the <c>things</c> row).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingInfo")]
public sealed record ThingInfo(
    long Id,
    long OwnerId,
    string OwnerUsername,
    string Url,
    string Title,
    string Description,
    string Category,
    string Language,
    ImmutableArray<string> Tags,
    bool Hidden,
    ThingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsActive => Status == ThingStatus.Active;
}
