using Npgsql;

namespace Flattr.Settlement.Load;

/// <summary>
/// Seeds a month in bulk SQL: givers with budgets and deposits (balanced ledger transactions, 10 % fee),
/// creators owning the things, and ten distinct clicks per giver on other people's things.
/// </summary>
internal static class LoadSeed
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource, Month month, int givers, int clicksPerGiver, int things)
    {
        var creators = things / 2;
        await ExecuteAsync(dataSource, """
            INSERT INTO users (username, email, display_name)
            SELECT 'giver_' || i, 'giver_' || i || '@example.org', 'Giver ' || i FROM generate_series(1, $1) AS i
            """, givers);
        await ExecuteAsync(dataSource, """
            INSERT INTO users (username, email, display_name)
            SELECT 'creator_' || i, 'creator_' || i || '@example.org', 'Creator ' || i FROM generate_series(1, $1) AS i
            """, creators);
        await ExecuteAsync(dataSource, """
            INSERT INTO things (owner_id, url, title, category, language)
            SELECT u.id, 'https://example.org/' || u.username || '/' || k, 'Thing ' || k || ' of ' || u.username, 'text', 'en_GB'
            FROM users u CROSS JOIN generate_series(1, 2) AS k WHERE u.username LIKE 'creator\_%' ORDER BY u.id, k
            """);
        await ExecuteAsync(dataSource, "INSERT INTO months (month) VALUES ($1)", month.FirstDay);
        await ExecuteAsync(dataSource, """
            INSERT INTO budgets (user_id, effective_month, amount_cents)
            SELECT id, $1, 200 + (id * 37) % 9801 FROM users WHERE username LIKE 'giver\_%'
            """, month.FirstDay);
        // Deposits of 8 to 98 EUR: one balanced transaction each (clearing -D, fees +F, user +(D - F)).
        await ExecuteAsync(dataSource, """
            INSERT INTO ledger_transactions (kind, idempotency_key, user_id)
            SELECT 'deposit', 'deposit:load:' || id, id FROM users WHERE username LIKE 'giver\_%' ORDER BY id
            """);
        await ExecuteAsync(dataSource, """
            WITH d AS (
                SELECT t.id AS tx, a.id AS account, 800 + (t.user_id * 53) % 9000 AS amount
                FROM ledger_transactions t JOIN accounts a ON a.user_id = t.user_id WHERE t.kind = 'deposit'
            )
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT tx, (SELECT id FROM accounts WHERE kind = 'clearing'), -amount FROM d
            UNION ALL SELECT tx, (SELECT id FROM accounts WHERE kind = 'fees'), amount * 10 / 100 FROM d
            UNION ALL SELECT tx, account, amount - amount * 10 / 100 FROM d
            """);
        await ExecuteAsync(dataSource, """
            INSERT INTO deposits (provider, provider_key, user_id, amount_cents, fee_cents, transaction_id)
            SELECT 'load', t.user_id::text, t.user_id, -e.amount_cents, -e.amount_cents * 10 / 100, t.id
            FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
            JOIN accounts a ON a.id = e.account_id AND a.kind = 'clearing'
            WHERE t.kind = 'deposit'
            """);
        // Distinct things per giver: k * 4729 mod things differs for every k < 10.
        await ExecuteAsync(dataSource, """
            WITH thing AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM things),
                 giver AS (SELECT id, row_number() OVER (ORDER BY id) AS g FROM users WHERE username LIKE 'giver\_%')
            INSERT INTO clicks (giver_id, thing_id, month)
            SELECT giver.id, thing.id, $1
            FROM giver CROSS JOIN generate_series(0, $2 - 1) AS k
            JOIN thing ON thing.n = (giver.g * 7919 + k * 4729) % $3
            """, month.FirstDay, clicksPerGiver, things);
        await ExecuteAsync(dataSource, """
            INSERT INTO thing_month_counts (thing_id, month, clicks, version)
            SELECT thing_id, month, count(*), 1 FROM clicks GROUP BY thing_id, month
            """);
        await ExecuteAsync(dataSource, "VACUUM ANALYZE");
    }

    static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}
