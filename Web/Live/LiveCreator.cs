using System.Text.Json.Serialization;

namespace Flattr.Web.Live;

/// <summary>
/// A creator's figures and things' counts as the grains hold them now, sent to a dashboard each time it (re)joins its ticker:
/// a dashboard that reconnects to another node after losing its own shows the current counts, not only the clicks pushed
/// since the reconnect.
/// </summary>
public sealed record LiveCreator(
    [property: JsonPropertyName("creatorId")] long CreatorId,
    [property: JsonPropertyName("expectedIncomeCents")] long ExpectedIncomeCents,
    [property: JsonPropertyName("creatorClicks")] long CreatorClicks,
    [property: JsonPropertyName("givers")] int Givers,
    [property: JsonPropertyName("things")] LiveCount[] Things);
