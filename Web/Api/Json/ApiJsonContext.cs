using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Json;

/// <summary>
/// Source-generated JSON for everything the REST API reads and writes, with Flattr's snake_case field names. Absent
/// optional fields are left out rather than written as null; numbers may arrive as strings (form-encoded bodies).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ThingJson))]
[JsonSerializable(typeof(IReadOnlyList<ThingJson>))]
[JsonSerializable(typeof(UserJson))]
[JsonSerializable(typeof(FlattrJson))]
[JsonSerializable(typeof(IReadOnlyList<FlattrJson>))]
[JsonSerializable(typeof(SubscriptionJson))]
[JsonSerializable(typeof(IReadOnlyList<SubscriptionJson>))]
[JsonSerializable(typeof(ActivityStreamJson))]
[JsonSerializable(typeof(SearchResultJson))]
[JsonSerializable(typeof(IReadOnlyList<NamedEntryJson>))]
[JsonSerializable(typeof(RateLimitJson))]
[JsonSerializable(typeof(MessageJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(PayoutJson))]
[JsonSerializable(typeof(PayoutsJson))]
[JsonSerializable(typeof(ThingBody))]
[JsonSerializable(typeof(FlattrBody))]
[JsonSerializable(typeof(SubscriptionBody))]
[JsonSerializable(typeof(PayoutBody))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
