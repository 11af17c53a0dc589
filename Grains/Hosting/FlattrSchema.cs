using Silo.Postgres.Migrations;

namespace Flattr.Hosting;

/// <summary>The <c>flattr</c> migration module: every <c>Grains/Schema/NNNN_*.sql</c> script (users and things 0001–0099, money 0100+).</summary>
public static class FlattrSchema
{
    public const string ModuleName = "flattr";

    public static IMigrationModule Module { get; } = new MigrationModule(ModuleName, typeof(FlattrSchema).Assembly, "Flattr.Schema.");
}
