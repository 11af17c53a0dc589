using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// <c>GET /things/search</c>: every given criterion must match. <see cref="Text"/> is full text over title, description and
/// tags; <see cref="UrlPrefix"/> matches things whose normalised URL starts with it; <see cref="Tags"/> is a
/// <see cref="TagExpression"/>; languages and categories match any of their values. Hidden and deleted things are never
/// found. Page starts at 1; count 1–100.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingSearch")]
public sealed record ThingSearch(
    string? Text = null,
    string? UrlPrefix = null,
    string? Tags = null,
    ImmutableArray<string> Languages = default,
    ImmutableArray<string> Categories = default,
    long? OwnerId = null,
    ThingSearchSort Sort = ThingSearchSort.Relevance,
    int Page = 1,
    int Count = 30);
