using Flattr.Silo.Database.Migrations;

namespace Flattr.Silo.Tests.Migrations;

/// <summary>Script sets under Migrations/Scripts/, as modules.</summary>
static class TestModules
{
    /// <summary>0001 create, 0002 alter + function, 0003 seed.</summary>
    public static IMigrationModule Widgets { get; } = Module("widgets", "Widgets");

    /// <summary>The same module name as <see cref="Widgets"/> with 0003 edited.</summary>
    public static IMigrationModule EditedWidgets { get; } = Module("widgets", "EditedWidgets");

    /// <summary>The same module name as <see cref="Widgets"/> with only 0001: an older build of the code.</summary>
    public static IMigrationModule OlderWidgets { get; } = Module("widgets", "OlderWidgets");

    /// <summary>0001 succeeds, 0002 creates a table then violates a primary key.</summary>
    public static IMigrationModule Failing { get; } = Module("failing", "Failing");

    /// <summary>A script without the NNNN_ version.</summary>
    public static IMigrationModule BadName { get; } = Module("bad", "BadName");

    static MigrationModule Module(string name, string folder) =>
        new(name, typeof(TestModules).Assembly, $"Flattr.Silo.Tests.Migrations.Scripts.{folder}.");
}
