using System.Text.Json.Serialization;

namespace Flattr.Web.Button;

/// <summary>The answer to a flattr from a first-party page: the thing's counts after it and what one click is worth now.</summary>
public sealed record FlattrResponse(
    [property: JsonPropertyName("thing_id")] long ThingId,
    [property: JsonPropertyName("month_clicks")] long MonthClicks,
    [property: JsonPropertyName("total_clicks")] long TotalClicks,
    [property: JsonPropertyName("value_of_one_click_cents")] long ValueOfOneClickCents,
    [property: JsonPropertyName("message")] string Message);
