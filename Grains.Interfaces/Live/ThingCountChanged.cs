using Orleans;

namespace Flattr.Live;

/// <summary>A thing's live count moved (for thing pages, buttons and trending). Category, language and hidden let listeners filter.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingCountChanged")]
public sealed record ThingCountChanged(
    long ThingId,
    Month Month,
    long MonthClicks,
    long TotalClicks,
    bool Withdrawal,
    string Category,
    string Language,
    bool Hidden,
    DateTimeOffset At);
