using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Flattr.Benchmarks.Database;

public sealed record BenchUser(long Id, string Username);

public sealed record BenchCreator(long Id, string Username, long LiveThingId);

/// <summary>
/// The people and things the web loads run against, seeded in bulk SQL before the app starts: givers with a budget and a
/// deposit for the current month, creators who each own one "live" thing (clicked while their dashboard watches) and a few
/// "load" things (clicked by the throughput load). Everyone has the same password, hashed as the app hashes passwords,
/// and a verified e-mail, so they sign in through the real sign-in page.
/// </summary>
public sealed record BenchPopulation(
    IReadOnlyList<BenchUser> Givers, IReadOnlyList<BenchCreator> Creators, IReadOnlyList<long> LoadThingIds, DateOnly Month)
{
    public const string Password = "bench-password-1";

    /// <summary>The app's PBKDF2 iteration count (Web/Accounts/AccountsSetup): a hash with fewer would be re-hashed at each sign-in.</summary>
    const int PasswordIterations = 210_000;

    public static async Task<BenchPopulation> SeedAsync(BenchDatabase database, int givers, int creators, int loadThingsPerCreator,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var hasher = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { IterationCount = PasswordIterations }));
        var hash = hasher.HashPassword(new object(), Password);
        var now = DateTime.UtcNow;
        var month = new DateOnly(now.Year, now.Month, 1);

        await database.ExecuteAsync("""
            INSERT INTO users (username, email, display_name, password_hash, email_verified_at)
            SELECT 'bench_giver_' || i, 'bench_giver_' || i || '@example.org', 'Bench giver ' || i, $2, now()
            FROM generate_series(1, $1) AS i
            """, cancellationToken, givers, hash);
        await database.ExecuteAsync("""
            INSERT INTO users (username, email, display_name, password_hash, email_verified_at)
            SELECT 'bench_creator_' || i, 'bench_creator_' || i || '@example.org', 'Bench creator ' || i, $2, now()
            FROM generate_series(1, $1) AS i
            """, cancellationToken, creators, hash);
        // Thing 0 of each creator is its live thing; 1..n are load things.
        await database.ExecuteAsync("""
            INSERT INTO things (owner_id, url, title, category, language)
            SELECT u.id, 'https://bench.example.org/' || u.username || '/' || k, 'Bench post ' || k || ' by ' || u.username, 'text', 'en_GB'
            FROM users u CROSS JOIN generate_series(0, $1) AS k
            WHERE u.username LIKE 'bench\_creator\_%' ORDER BY u.id, k
            """, cancellationToken, loadThingsPerCreator);
        await database.ExecuteAsync("INSERT INTO months (month) VALUES ($1) ON CONFLICT DO NOTHING", cancellationToken, month);
        await database.ExecuteAsync("""
            INSERT INTO budgets (user_id, effective_month, amount_cents)
            SELECT id, $1, 10000 FROM users WHERE username LIKE 'bench\_giver\_%'
            """, cancellationToken, month);
        // A 100 EUR deposit each, as the ledger books one: clearing -D, fees +10 %, giver +(D - fee), in one statement.
        await database.ExecuteAsync("""
            INSERT INTO ledger_transactions (kind, idempotency_key, user_id)
            SELECT 'deposit', 'deposit:bench:' || id, id FROM users WHERE username LIKE 'bench\_giver\_%' ORDER BY id
            """, cancellationToken);
        await database.ExecuteAsync("""
            WITH d AS (
                SELECT t.id AS tx, a.id AS account, 10000 AS amount
                FROM ledger_transactions t JOIN accounts a ON a.user_id = t.user_id WHERE t.kind = 'deposit'
            )
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT tx, (SELECT id FROM accounts WHERE kind = 'clearing'), -amount FROM d
            UNION ALL SELECT tx, (SELECT id FROM accounts WHERE kind = 'fees'), amount / 10 FROM d
            UNION ALL SELECT tx, account, amount - amount / 10 FROM d
            """, cancellationToken);
        await database.ExecuteAsync("""
            INSERT INTO deposits (provider, provider_key, user_id, amount_cents, fee_cents, transaction_id)
            SELECT 'bench', t.user_id::text, t.user_id, 10000, 1000, t.id FROM ledger_transactions t WHERE t.kind = 'deposit'
            """, cancellationToken);
        await database.ExecuteAsync("ANALYZE", cancellationToken);

        var giverList = await ReadAsync(database, "SELECT id, username FROM users WHERE username LIKE 'bench\\_giver\\_%' ORDER BY id",
            r => new BenchUser(r.GetInt64(0), r.GetString(1)), cancellationToken);
        var creatorList = await ReadAsync(database, """
            SELECT u.id, u.username, min(t.id) FROM users u JOIN things t ON t.owner_id = u.id
            WHERE u.username LIKE 'bench\_creator\_%' GROUP BY u.id, u.username ORDER BY u.id
            """, r => new BenchCreator(r.GetInt64(0), r.GetString(1), r.GetInt64(2)), cancellationToken);
        var live = creatorList.Select(c => c.LiveThingId).ToHashSet();
        var loadThings = (await ReadAsync(database, "SELECT id FROM things ORDER BY id", r => r.GetInt64(0), cancellationToken))
            .Where(id => !live.Contains(id)).ToList();
        return new BenchPopulation(giverList, creatorList, loadThings, month);
    }

    static async Task<List<T>> ReadAsync<T>(BenchDatabase database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
