using System.Text.Json;
using Silo.Postgres.Storage;

namespace Silo.Postgres.Tests.Storage;

/// <summary>How state becomes JSON: the options and resolver chain the application configures.</summary>
public sealed class StorageJsonTests(SiloSchemaDatabase fixture) : IClassFixture<SiloSchemaDatabase>
{
    [Fact]
    public async Task Source_generated_context_alone_in_the_chain_stores_its_types_and_refuses_others()
    {
        var json = new JsonSerializerOptions { TypeInfoResolver = StorageJsonContext.Default };
        var storage = new PostgresGrainStorage(fixture.Database.DataSource, "json-tests", json);
        var id = new GrainId(new GrainType("Account"), GrainKey.FromGuid(Guid.NewGuid()));

        await storage.WriteStateAsync("state", id, new TestState<Account>(new Account("nia", 77, ["t"])), CancellationToken.None);
        var read = new TestState<Account>(new Account("nobody", 0, []));
        await storage.ReadStateAsync("state", id, read, CancellationToken.None);

        Assert.Equal(77, read.State.BalanceCents);
        await Assert.ThrowsAsync<NotSupportedException>(
            () => storage.WriteStateAsync("other", id, new TestState<Uri>(new Uri("https://example.org")), CancellationToken.None));
    }

    [Fact]
    public async Task Configured_naming_policy_shapes_the_stored_json()
    {
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        json.TypeInfoResolverChain.Add(StorageJsonContext.Default);
        var storage = new PostgresGrainStorage(fixture.Database.DataSource, "json-tests", json);
        var id = new GrainId(new GrainType("Account"), GrainKey.FromGuid(Guid.NewGuid()));

        await storage.WriteStateAsync("state", id, new TestState<Account>(new Account("oz", 5, [])), CancellationToken.None);

        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT payload ? 'balance_cents' FROM grain_state WHERE service_id = 'json-tests' AND grain_key = $1");
        command.Parameters.Add(new() { Value = id.Key.ToStorageString() });
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }
}
