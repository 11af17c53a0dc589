using System.Text.Json.Serialization;

namespace Flattr.Web.Live;

/// <summary>A thing's counts as pushed to buttons and thing pages.</summary>
public sealed record LiveCount(
    [property: JsonPropertyName("thingId")] long ThingId,
    [property: JsonPropertyName("monthClicks")] long MonthClicks,
    [property: JsonPropertyName("totalClicks")] long TotalClicks);

/// <summary>
/// One click (or withdrawal) for a creator's ticker; <see cref="Giver"/> is null for anonymous flattrs. The last three are
/// the creator's figures for the month after this event, as the creator grain holds them.
/// </summary>
public sealed record LiveFlattr(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("thingId")] long ThingId,
    [property: JsonPropertyName("thingTitle")] string ThingTitle,
    [property: JsonPropertyName("giver")] string? Giver,
    [property: JsonPropertyName("giverUsername")] string? GiverUsername,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("monthClicks")] long MonthClicks,
    [property: JsonPropertyName("totalClicks")] long TotalClicks,
    [property: JsonPropertyName("expectedIncomeCents")] long ExpectedIncomeCents,
    [property: JsonPropertyName("creatorClicks")] long CreatorClicks,
    [property: JsonPropertyName("givers")] int Givers);

/// <summary>A thing on the trending board as pushed to browsers (<c>Flattr.Trending.TrendingThing</c>); <see cref="Heat"/> orders the board.</summary>
public sealed record TrendingEntry(
    [property: JsonPropertyName("thingId")] long ThingId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("monthClicks")] long MonthClicks,
    [property: JsonPropertyName("heat")] double Heat,
    [property: JsonPropertyName("at")] DateTimeOffset At);
