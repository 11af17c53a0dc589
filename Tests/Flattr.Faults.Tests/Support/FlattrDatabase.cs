using System.Globalization;
using Flattr.Hosting;
using Flattr.Ledger;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Flattr.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Flattr.Testing.Database;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// A database with Flattr's schema that a child-process app will run on, seeded through the very stores the grains use
/// (users, things, budgets, deposits): either a fresh <see cref="TestDatabase"/> or an existing database (the private
/// server of the restart test). Users get the web tests' password, <see cref="FlattrApp.Password"/>.
/// </summary>
public sealed class FlattrDatabase : IAsyncDisposable
{
    static readonly Lazy<string> PasswordHash = new(() =>
        new PasswordHasher<PasswordAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }))
            .HashPassword(new PasswordAccount(), FlattrApp.Password));

    readonly TestDatabase? _owned;
    readonly ServiceProvider _stores;
    int _sequence;

    FlattrDatabase(string connectionString, TestDatabase? owned)
    {
        ConnectionString = connectionString;
        _owned = owned;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddFlattrStores();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ThingStore>();
        _stores = services.BuildServiceProvider();
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource => _stores.GetRequiredService<NpgsqlDataSource>();

    public LedgerStore Ledger => _stores.GetRequiredService<LedgerStore>();

    /// <summary>A fresh database on the test server (FLATTR_TEST_POSTGRES), with the flattr schema.</summary>
    public static async Task<FlattrDatabase> CreateAsync(string label)
    {
        var database = await TestDatabase.CreateAsync(label);
        var flattr = new FlattrDatabase(database.ConnectionString, database);
        await flattr.MigrateAsync();
        return flattr;
    }

    /// <summary>An existing database (not dropped on disposal), brought to the flattr schema.</summary>
    public static async Task<FlattrDatabase> OverAsync(string connectionString)
    {
        var flattr = new FlattrDatabase(connectionString, null);
        await flattr.MigrateAsync();
        return flattr;
    }

    public async Task<SeededUser> AddUserAsync(string prefix)
    {
        var username = string.Create(CultureInfo.InvariantCulture, $"{prefix}{Interlocked.Increment(ref _sequence)}_{Guid.NewGuid().ToString("N")[..6]}");
        var users = _stores.GetRequiredService<UserStore>();
        var profile = await users.InsertAsync(new SignUp(username, username + "@example.org", prefix, "en_GB", PasswordHash.Value), CancellationToken.None);
        await users.MarkEmailVerifiedAsync(profile.Id, CancellationToken.None);
        return new SeededUser(profile.Id, username);
    }

    /// <summary>A user with a budget for this month and a deposit (minus the 10 % fee) to give from.</summary>
    public async Task<SeededUser> AddGiverAsync(long budgetCents = 500, long depositCents = 1_000)
    {
        var giver = await AddUserAsync("giver");
        await _stores.GetRequiredService<BudgetStore>().SetAsync(giver.Id, budgetCents);
        await Ledger.DepositAsync("seed", Guid.NewGuid().ToString("N"), giver.Id, depositCents);
        return giver;
    }

    public async Task<long> AddThingAsync(long ownerId, bool hidden = false)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/{ownerId}/{Guid.NewGuid():N}");
        var thing = await _stores.GetRequiredService<ThingStore>().InsertAsync(ownerId,
            new ThingSubmission(url, "A thing worth flattring", "Words.", ThingCategories.Text, "en_GB", [], hidden), CancellationToken.None);
        return thing.Id;
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => DataSource.ScalarAsync(sql, parameters);

    /// <summary>Every (giver, thing) click row of any month.</summary>
    public async Task<HashSet<(long Giver, long Thing)>> ClicksAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT giver_id, thing_id FROM clicks");
        await using var reader = await command.ExecuteReaderAsync();
        var clicks = new HashSet<(long, long)>();
        while (await reader.ReadAsync())
        {
            clicks.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return clicks;
    }

    public async ValueTask DisposeAsync()
    {
        await _stores.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    // Every module the app's silo applies at start (Orleans' membership, state and reminder tables too): seeding needs only the
    // flattr schema, but an app started on this database then finds it up to date.
    Task MigrateAsync() => MigrationRunner.ApplyAsync(DataSource, SchemaModules.All, CancellationToken.None);
}

public sealed record SeededUser(long Id, string Username);
