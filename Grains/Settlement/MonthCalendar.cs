using System.Collections.Immutable;
using Npgsql;

namespace Flattr.Settlement;

/// <summary>Which ended months still need settling: not settled, and with activity (a click, or a budget in force that the
/// no-click policy must handle), oldest first.</summary>
public sealed class MonthCalendar(NpgsqlDataSource dataSource)
{
    public async Task<ImmutableArray<Month>> EndedUnsettledMonthsAsync(Month current, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH first AS (
                SELECT least((SELECT min(month) FROM clicks),
                             (SELECT min(effective_month) FROM budgets WHERE amount_cents > 0)) AS month)
            SELECT m::date
            FROM first, generate_series(first.month, $1::date - interval '1 month', interval '1 month') AS m
            WHERE first.month IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM months x WHERE x.month = m::date AND x.status = 'settled')
              AND (EXISTS (SELECT 1 FROM clicks c WHERE c.month = m::date)
                   OR EXISTS (SELECT 1 FROM budgets b
                              WHERE b.effective_month <= m::date AND b.amount_cents > 0
                                AND NOT EXISTS (SELECT 1 FROM budgets later
                                                WHERE later.user_id = b.user_id
                                                  AND later.effective_month > b.effective_month
                                                  AND later.effective_month <= m::date)))
            ORDER BY 1
            """);
        command.Parameters.Add(new() { Value = current.FirstDay });
        var months = ImmutableArray.CreateBuilder<Month>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            months.Add(Month.Of(reader.GetFieldValue<DateOnly>(0)));
        }

        return months.ToImmutable();
    }
}
