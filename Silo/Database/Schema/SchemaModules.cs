using Flattr.Hosting;
using Flattr.Silo.Database.Migrations;

namespace Flattr.Silo.Database.Schema;

/// <summary>
/// The versioned SQL modules every Flattr database gets, applied at start-up in this order: <c>silo</c> (the tables of the
/// retired home-made runtime, kept as history and dropped by its last script), <c>orleans</c> (membership, grain state and
/// reminders with the statements the ADO.NET providers read from <c>OrleansQuery</c>), then <c>flattr</c> (the domain).
/// </summary>
public static class SchemaModules
{
    public static IMigrationModule RetiredRuntime { get; } =
        new MigrationModule("silo", typeof(SchemaModules).Assembly, "Flattr.Silo.Database.Schema.silo.");

    public static IMigrationModule Orleans { get; } =
        new MigrationModule("orleans", typeof(SchemaModules).Assembly, "Flattr.Silo.Database.Schema.orleans.");

    public static IMigrationModule Flattr { get; } =
        new MigrationModule(FlattrSchema.ModuleName, FlattrSchema.Assembly, FlattrSchema.ResourcePrefix);

    public static IReadOnlyList<IMigrationModule> All { get; } = [RetiredRuntime, Orleans, Flattr];
}
