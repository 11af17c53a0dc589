using Orleans;

namespace Flattr.Trending;

/// <summary>One flattr in the public activity list (no giver: public activity is anonymous).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.RecentFlattr")]
public sealed record RecentFlattr(long ThingId, string Title, string Owner, string Category, long MonthClicks, DateTimeOffset At);
