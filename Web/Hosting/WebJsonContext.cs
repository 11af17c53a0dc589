using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Web.Button;
using Flattr.Web.Live;

namespace Flattr.Web.Hosting;

/// <summary>Source-generated JSON for every payload the web owns: error bodies, flattr results, live messages.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FlattrErrorBody))]
[JsonSerializable(typeof(FlattrResponse))]
[JsonSerializable(typeof(LiveCount))]
[JsonSerializable(typeof(LiveCreator))]
[JsonSerializable(typeof(LiveFlattr))]
[JsonSerializable(typeof(LiveFlattr[]))]
[JsonSerializable(typeof(ReaderFlattr))]
[JsonSerializable(typeof(System.Collections.Immutable.ImmutableList<LiveFlattr>))]
[JsonSerializable(typeof(TrendingEntry))]
[JsonSerializable(typeof(TrendingEntry[]))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
public sealed partial class WebJsonContext : JsonSerializerContext;
