using Flattr.Money;
using Flattr.Users;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Flattr.Ledger;

/// <summary>
/// Monthly budgets. The budget of month M is the setting in force when M starts: a user's very first
/// setting takes effect in the current month; any later change (or a pause) takes effect next month.
/// </summary>
public sealed class BudgetStore(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<MoneyRules> rules)
{
    readonly MoneyRules _rules = rules.Value;

    /// <summary>Sets the budget (within the configured range) and returns the month it takes effect.</summary>
    public async Task<BudgetChange> SetAsync(long userId, long amountCents, CancellationToken cancellationToken = default)
    {
        MoneyValidation.RequireBudgetInRange(amountCents, _rules);
        return await WriteAsync(userId, amountCents, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops giving from the next month on (budget 0). A user who never set a budget has nothing to pause:
    /// nothing is written and the current month is returned with amount 0.
    /// </summary>
    public async Task<BudgetChange> PauseAsync(long userId, CancellationToken cancellationToken = default) =>
        await WriteAsync(userId, 0, cancellationToken).ConfigureAwait(false);

    /// <summary>The budget of the month in cents (0 when none was set or giving is paused).</summary>
    public async Task<long> GetForMonthAsync(long userId, Month month, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM users WHERE id = $1),
                   (SELECT amount_cents FROM budgets WHERE user_id = $1 AND effective_month <= $2
                    ORDER BY effective_month DESC LIMIT 1)
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!reader.GetBoolean(0))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
        }

        return reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
    }

    /// <summary>Every budget setting of the user, oldest first.</summary>
    public async Task<IReadOnlyList<BudgetPeriod>> GetScheduleAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT effective_month, amount_cents, set_at FROM budgets WHERE user_id = $1 ORDER BY effective_month
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var periods = new List<BudgetPeriod>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            periods.Add(new BudgetPeriod(Month.Of(reader.GetFieldValue<DateOnly>(0)), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return periods;
    }

    async Task<BudgetChange> WriteAsync(long userId, long amountCents, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = Month.Of(now);
        // One statement: the target month depends on whether any row exists; the upsert keeps the last word.
        await using var command = dataSource.CreateCommand("""
            WITH target AS (
                SELECT u.id AS user_id,
                       CASE WHEN EXISTS (SELECT 1 FROM budgets b WHERE b.user_id = u.id) THEN $3::date ELSE $2::date END AS month,
                       EXISTS (SELECT 1 FROM budgets b WHERE b.user_id = u.id) AS has_budget
                FROM users u WHERE u.id = $1
            ), written AS (
                INSERT INTO budgets (user_id, effective_month, amount_cents, set_at)
                SELECT user_id, month, $4, $5 FROM target WHERE $4 > 0 OR has_budget
                ON CONFLICT (user_id, effective_month) DO UPDATE SET amount_cents = excluded.amount_cents, set_at = excluded.set_at
            )
            SELECT month FROM target
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.Next().FirstDay });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amountCents });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
        }

        var effective = Month.Of(reader.GetFieldValue<DateOnly>(0));
        return new BudgetChange(amountCents, effective, AppliesThisMonth: effective == current);
    }
}
