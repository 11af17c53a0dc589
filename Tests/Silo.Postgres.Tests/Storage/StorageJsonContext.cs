using System.Text.Json.Serialization;

namespace Silo.Postgres.Tests.Storage;

/// <summary>A source-generated context, as an application would plug into the storage's resolver chain.</summary>
[JsonSerializable(typeof(Account))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
