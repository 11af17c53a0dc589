namespace Flattr.Web.Api.Representations;

/// <summary>
/// Flattr's answer to a change: <c>{"message": "ok", "description": "…"}</c>, with the new thing's id and link after a
/// creation, the location after a look-up, or the mini thing after a flattr or subscription.
/// </summary>
public sealed record MessageJson
{
    public required string Message { get; init; }

    public required string Description { get; init; }

    public long? Id { get; init; }

    public string? Link { get; init; }

    public string? Location { get; init; }

    public ThingJson? Thing { get; init; }
}
