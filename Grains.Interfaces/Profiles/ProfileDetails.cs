using System.Collections.Immutable;
using Orleans;

namespace Flattr.Profiles;

/// <summary>A new bio and links (they replace the old ones); blank links are left out.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ProfileDetails")]
public sealed record ProfileDetails(string Bio, ImmutableArray<string> Links);
