using Silo.Postgres.Schema;
using Silo.Testing.Database;

namespace Silo.Postgres.Tests;

/// <summary>One fresh database with the silo's schema for a test class; tests keep apart by using their own grain keys.</summary>
public sealed class SiloSchemaDatabase : IAsyncLifetime
{
    TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("silo_schema", [SiloSchema.Module]);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
