using Silo.Postgres.Migrations;

namespace Silo.Postgres.Schema;

/// <summary>The silo's own tables (grain_state, reminders) as a migration module.</summary>
public static class SiloSchema
{
    public const string ModuleName = "silo";

    public static IMigrationModule Module { get; } =
        new MigrationModule(ModuleName, typeof(SiloSchema).Assembly, "Silo.Postgres.Schema.");
}
