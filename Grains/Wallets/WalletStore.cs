using Npgsql;

namespace Flattr.Wallets;

/// <summary>Reads a giver's means for a month in one round trip: profile, budget in force, balance and the month's stored status.</summary>
public sealed class WalletStore(NpgsqlDataSource dataSource)
{
    public async Task<GiverMeans> LoadAsync(long giverId, Month month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT u.id, u.username, u.display_name, u.anonymous_by_default,
                   coalesce((SELECT b.amount_cents FROM budgets b
                             WHERE b.user_id = $1 AND b.effective_month <= $2
                             ORDER BY b.effective_month DESC LIMIT 1), 0),
                   coalesce((SELECT a.balance_cents FROM accounts a WHERE a.user_id = $1), 0),
                   (SELECT m.status FROM months m WHERE m.month = $2)
            FROM (SELECT 1) one LEFT JOIN users u ON u.id = $1
            """);
        command.Parameters.Add(new() { Value = giverId });
        command.Parameters.Add(new() { Value = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var giver = reader.IsDBNull(0)
            ? null
            : new GiverProfile(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        var status = reader.IsDBNull(6) ? "open" : reader.GetString(6);
        return new GiverMeans(
            giver,
            reader.GetInt64(4),
            reader.GetInt64(5),
            status switch
            {
                "settling" => MonthStatus.Settling,
                "settled" => MonthStatus.Settled,
                _ => MonthStatus.Open,
            });
    }
}
