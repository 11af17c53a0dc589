using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Payouts;
using Flattr.Web.Payments;

namespace Flattr.Web.Earnings;

[JsonSerializable(typeof(PayoutReceipt))]
[JsonSerializable(typeof(FlattrErrorBody))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
sealed partial class EarningsJson : JsonSerializerContext;
