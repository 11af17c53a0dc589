using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>Fields to change (null leaves a field as it is). The URL and owner never change.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingUpdate")]
public sealed record ThingUpdate(
    string? Title = null,
    string? Description = null,
    string? Category = null,
    string? Language = null,
    ImmutableArray<string>? Tags = null,
    bool? Hidden = null);
