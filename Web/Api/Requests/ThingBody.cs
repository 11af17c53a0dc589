using System.Text.Json.Serialization;
using Flattr.Web.Api.Json;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// The fields of <c>POST /things</c> and <c>PATCH /things/:id</c>, as JSON or form fields. <see cref="Tags"/> is a JSON array
/// or Flattr's comma-separated string; <see cref="Hidden"/> takes true/false or 1/0. Absent fields stay as they are on a PATCH.
/// </summary>
public sealed record ThingBody
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("category")]
    public string? Category { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonConverter(typeof(TagListConverter))]
    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonConverter(typeof(LenientBooleanConverter))]
    [JsonPropertyName("hidden")]
    public bool? Hidden { get; init; }

    /// <summary>Flattr's work-around for clients that cannot send PATCH: <c>POST /things/:id</c> with <c>_method=patch</c>.</summary>
    [JsonPropertyName("_method")]
    public string? Method { get; init; }
}
