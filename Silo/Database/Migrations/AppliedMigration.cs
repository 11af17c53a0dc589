namespace Flattr.Silo.Database.Migrations;

/// <summary>A script that one run of the <see cref="MigrationRunner"/> applied.</summary>
public sealed record AppliedMigration(string Module, int Version, string Name, string Checksum);
