using System.Text.Json.Serialization;
using Flattr.Web.Api.Json;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// The fields of <c>POST /things</c> and <c>PATCH /things/:id</c>, as JSON or form fields. <see cref="Tags"/> is a JSON array
/// or Flattr's comma-separated string; <see cref="Hidden"/> takes true/false or 1/0. Absent fields stay as they are on a PATCH.
/// </summary>
public sealed record ThingBody
{
    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    public string? Language { get; init; }

    [JsonConverter(typeof(TagListConverter))]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? Hidden { get; init; }

    /// <summary>Flattr's work-around for clients that cannot send PATCH: <c>POST /things/:id</c> with <c>_method=patch</c>.</summary>
    [JsonPropertyName("_method")]
    public string? Method { get; init; }
}
