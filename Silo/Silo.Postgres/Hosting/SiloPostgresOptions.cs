using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Silo.Postgres.Hosting;

/// <summary>How the silo keeps its grain state and reminders in PostgreSQL.</summary>
public sealed class SiloPostgresOptions
{
    /// <summary>The name under which <see cref="Persistence.IGrainStorage"/> is also registered as a keyed service.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>
    /// Namespaces rows, so several services can share one database. Null (the default): the silo's
    /// <see cref="Silo.Hosting.SiloOptions.ServiceId"/>. Set it only to keep state apart from the silo's own service id.
    /// </summary>
    public string? ServiceId { get; set; }

    /// <summary>
    /// How grain state is written as JSON. Put source-generated contexts first in its
    /// <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (<c>options.Json.TypeInfoResolverChain.Insert(0, MyContext.Default)</c>).
    /// </summary>
    /// <remarks>
    /// The chain ends with the reflection-based resolver on purpose: grain state types live in the application's assemblies,
    /// which this library cannot know at compile time, and a state type missing from every context must still be stored
    /// rather than fail at run time. Types covered by a context never reach the reflection resolver.
    /// </remarks>
    public JsonSerializerOptions Json { get; set; } = CreateDefaultJson();

    public static JsonSerializerOptions CreateDefaultJson() => new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
