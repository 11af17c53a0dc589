using System.Reflection;

namespace Flattr.Silo.Database.Migrations;

/// <summary>The plain <see cref="IMigrationModule"/>: a name, an assembly and a resource prefix.</summary>
public sealed record MigrationModule(string Name, Assembly Assembly, string ResourcePrefix) : IMigrationModule;
