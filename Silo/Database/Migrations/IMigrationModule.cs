using System.Reflection;

namespace Flattr.Silo.Database.Migrations;

/// <summary>
/// A named, ordered set of SQL scripts shipped as embedded resources. Every resource of <see cref="Assembly"/>
/// whose name starts with <see cref="ResourcePrefix"/> must be named <c>NNNN_description.sql</c>.
/// </summary>
public interface IMigrationModule
{
    /// <summary>The module's name in <c>schema_migrations.module</c>; versions are numbered per module.</summary>
    string Name { get; }

    Assembly Assembly { get; }

    /// <summary>The manifest resource name prefix, e.g. <c>"Flattr.Schema."</c> for <c>Grains/Schema/*.sql</c> in an assembly with root namespace Flattr.</summary>
    string ResourcePrefix { get; }
}
