using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>An Activity Streams 1.0 collection, as Flattr served activities: <c>{"items": [...]}</c>.</summary>
public sealed record ActivityStreamJson([property: JsonPropertyName("items")] IReadOnlyList<ActivityJson> Items);

/// <summary>One activity: "<c>actor</c> flattred <c>object</c>" (verb <c>like</c>); Activity Streams names are camelCase.</summary>
public sealed record ActivityJson(
    [property: JsonPropertyName("published")] string Published,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("actor")] ActivityObjectJson Actor,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("object")] ActivityObjectJson Object,
    [property: JsonPropertyName("id")] string Id);

public sealed record ActivityObjectJson(
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("objectType")] string ObjectType);
