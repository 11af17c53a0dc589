using System.Collections.Immutable;
using Npgsql;

namespace Flattr.Subscriptions;

/// <summary>
/// The <c>subscriptions</c> rows of one giver. A subscription counts in month M when M is in [start, start + months) and it
/// was not cancelled before M began (<c>cancelled_at IS NULL OR cancelled_at &gt;= M</c>): cancelling keeps the current
/// month's click and stops the following ones. The settlement materialises the months after the first.
/// </summary>
public sealed class SubscriptionTable(NpgsqlDataSource dataSource)
{
    const string Columns = "s.id, s.giver_id, s.thing_id, t.title, s.months, s.start_month, s.created_at, s.cancelled_at";

    public async Task<SubscriptionInfo> InsertAsync(long giverId, long thingId, Month start, SubscriptionTerm term, Month current, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH s AS (
                INSERT INTO subscriptions (giver_id, thing_id, start_month, months) VALUES ($1, $2, $3, $4) RETURNING *)
            SELECT {Columns} FROM s JOIN things t ON t.id = s.thing_id
            """);
        command.Parameters.Add(new() { Value = giverId });
        command.Parameters.Add(new() { Value = thingId });
        command.Parameters.Add(new() { Value = start.FirstDay });
        command.Parameters.Add(new() { Value = term == SubscriptionTerm.UntilCancelled ? DBNull.Value : (int)term });
        return (await ReadAsync(command, current, cancellationToken).ConfigureAwait(false)).Single();
    }

    public async Task<SubscriptionInfo?> CancelAsync(long subscriptionId, DateTimeOffset now, Month current, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH s AS (UPDATE subscriptions SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL RETURNING *)
            SELECT {Columns} FROM s JOIN things t ON t.id = s.thing_id
            """);
        command.Parameters.Add(new() { Value = subscriptionId });
        command.Parameters.Add(new() { Value = now });
        return (await ReadAsync(command, current, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<ImmutableArray<SubscriptionInfo>> ForGiverAsync(long giverId, Month current, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM subscriptions s JOIN things t ON t.id = s.thing_id WHERE s.giver_id = $1 ORDER BY s.id DESC");
        command.Parameters.Add(new() { Value = giverId });
        return await ReadAsync(command, current, cancellationToken).ConfigureAwait(false);
    }

    static async Task<ImmutableArray<SubscriptionInfo>> ReadAsync(NpgsqlCommand command, Month current, CancellationToken cancellationToken)
    {
        var list = ImmutableArray.CreateBuilder<SubscriptionInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var months = reader.IsDBNull(4) ? 0 : reader.GetInt32(4);
            var start = Month.Of(reader.GetFieldValue<DateOnly>(5));
            Month? last = months == 0 ? null : start.AddMonths(months - 1);
            var cancelledAt = reader.IsDBNull(7) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(7);
            var active = cancelledAt is null && (last is null || last >= current);
            list.Add(new SubscriptionInfo(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetString(3),
                (SubscriptionTerm)months,
                start,
                last,
                reader.GetFieldValue<DateTimeOffset>(6),
                cancelledAt,
                active));
        }

        return list.ToImmutable();
    }
}
