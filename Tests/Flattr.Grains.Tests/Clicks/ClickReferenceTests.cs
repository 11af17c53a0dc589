using Flattr.Grains.Tests.Ledger;
using Npgsql;

namespace Flattr.Grains.Tests.Clicks;

/// <summary>
/// Clicks and live counts name their giver and thing without per-row foreign keys (Schema/0105): the statement-level
/// triggers refuse unknown ones with the foreign keys' SQLSTATE and names, and users and things can never go away,
/// so no click or count can be orphaned. These tests write SQL directly, as any client could.
/// </summary>
public sealed class ClickReferenceTests : IAsyncLifetime
{
    const long Unknown = 987_654_321;
    static readonly DateOnly Month = new(2026, 3, 1);
    LedgerDatabase _db = null!;
    long _giver;
    long _owner;
    long _thing;

    public async Task InitializeAsync()
    {
        _db = await LedgerDatabase.CreateAsync();
        _giver = await _db.AddUserAsync();
        _owner = await _db.AddUserAsync();
        _thing = await _db.AddThingAsync(_owner);
        await _db.ExecuteAsync("INSERT INTO months (month) VALUES ($1)", Month);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_click_by_an_unknown_giver_is_refused_as_a_violation_of_clicks_giver_id_fkey()
    {
        var error = await RefusedAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", Unknown, _thing, Month);

        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "clicks_giver_id_fkey"), (error.SqlState, error.ConstraintName));
        Assert.Contains(Unknown.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_on_an_unknown_thing_is_refused_as_a_violation_of_clicks_thing_id_fkey()
    {
        var error = await RefusedAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, Unknown, Month);

        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "clicks_thing_id_fkey"), (error.SqlState, error.ConstraintName));
    }

    [Fact]
    public async Task One_unknown_thing_refuses_its_whole_statement_and_nothing_is_recorded()
    {
        var other = await _db.AddThingAsync(_owner);

        var error = await RefusedAsync("""
            INSERT INTO clicks (giver_id, thing_id, month) SELECT $1, t, $3 FROM unnest($2::bigint[]) AS t
            """, _giver, new[] { _thing, Unknown, other }, Month);

        Assert.Equal("clicks_thing_id_fkey", error.ConstraintName);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM clicks"));
    }

    [Fact]
    public async Task A_statement_breaking_several_rules_is_refused_for_the_first_in_the_order_the_checks_always_ran()
    {
        var own = await _db.AddThingAsync(_giver);
        var inactive = await _db.AddThingAsync(_owner, deleted: true);
        var closed = Month.AddMonths(1);
        const string Insert = "INSERT INTO clicks (giver_id, thing_id, month) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[])";

        // Each step drops the click that broke the rule reported by the step before.
        (long Giver, long Thing, DateOnly Month)[] clicks =
            [(_giver, inactive, Month), (_giver, own, Month), (_giver, _thing, closed), (_giver, Unknown, Month), (Unknown, _thing, Month)];
        string[] order =
            ["clicks_giver_id_fkey", "clicks_thing_id_fkey", "clicks_month_open", "clicks_not_own_thing", "clicks_thing_active"];
        foreach (var expected in order)
        {
            var error = await RefusedAsync(Insert, clicks.Select(c => c.Giver).ToArray(), clicks.Select(c => c.Thing).ToArray(),
                clicks.Select(c => c.Month).ToArray());
            Assert.Equal(expected, error.ConstraintName);
            clicks = clicks[..^1];
        }

        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM clicks"));
    }

    [Fact]
    public async Task A_count_for_an_unknown_thing_is_refused_as_a_violation_of_thing_month_counts_thing_id_fkey()
    {
        var error = await RefusedAsync("""
            INSERT INTO thing_month_counts (thing_id, month, clicks, version) VALUES ($1, $3, 1, 1), ($2, $3, 1, 1)
            """, _thing, Unknown, Month);

        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "thing_month_counts_thing_id_fkey"), (error.SqlState, error.ConstraintName));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM thing_month_counts"));
    }

    [Fact]
    public async Task A_count_can_be_moved_to_another_existing_thing_but_not_to_an_unknown_one()
    {
        var other = await _db.AddThingAsync(_owner);
        await _db.ExecuteAsync("INSERT INTO thing_month_counts (thing_id, month, clicks, version) VALUES ($1, $2, 1, 1)", _thing, Month);

        var error = await RefusedAsync("UPDATE thing_month_counts SET thing_id = $1", Unknown);
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "thing_month_counts_thing_id_fkey"), (error.SqlState, error.ConstraintName));

        await _db.ExecuteAsync("UPDATE thing_month_counts SET thing_id = $1", other);
        Assert.Equal(other, await _db.ScalarAsync<long>("SELECT thing_id FROM thing_month_counts"));
    }

    [Fact]
    public async Task Users_and_things_are_never_deleted_even_without_clicks()
    {
        var lonelyUser = await _db.AddUserAsync();
        var lonelyThing = await _db.AddThingAsync(_owner);

        Assert.Equal("users_permanent", (await RefusedAsync("DELETE FROM users WHERE id = $1", lonelyUser)).ConstraintName);
        Assert.Equal("things_permanent", (await RefusedAsync("DELETE FROM things WHERE id = $1", lonelyThing)).ConstraintName);
        Assert.Equal("things_permanent", (await RefusedAsync("DELETE FROM things")).ConstraintName);

        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM users WHERE id IN ($1, $2, $3)", lonelyUser, _giver, _owner));
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM things WHERE id IN ($1, $2)", lonelyThing, _thing));
    }

    [Fact]
    public async Task Users_and_things_are_never_truncated()
    {
        Assert.Equal("things_permanent", (await RefusedAsync("TRUNCATE things CASCADE")).ConstraintName);
        Assert.Equal("users_permanent", (await RefusedAsync("TRUNCATE users CASCADE")).ConstraintName);
        // Without CASCADE the other tables' foreign keys refuse it even before the triggers run.
        await RefusedAsync("TRUNCATE things");

        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM things"));
    }

    [Fact]
    public async Task The_ids_of_users_and_things_never_change_while_their_other_columns_do()
    {
        var error = await RefusedAsync("UPDATE users SET id = DEFAULT WHERE id = $1", _giver);
        Assert.Equal((PostgresErrorCodes.CheckViolation, "users_permanent"), (error.SqlState, error.ConstraintName));
        error = await RefusedAsync("UPDATE things SET id = DEFAULT WHERE id = $1", _thing);
        Assert.Equal((PostgresErrorCodes.CheckViolation, "things_permanent"), (error.SqlState, error.ConstraintName));

        await _db.ExecuteAsync("UPDATE users SET display_name = 'Renamed' WHERE id = $1", _giver);
        await _db.ExecuteAsync("UPDATE things SET title = 'A renamed thing', status = 'deleted' WHERE id = $1", _thing);
        Assert.Equal("Renamed", await _db.ScalarAsync<string>("SELECT display_name FROM users WHERE id = $1", _giver));
        Assert.Equal("deleted", await _db.ScalarAsync<string>("SELECT status FROM things WHERE id = $1", _thing));
    }

    [Fact]
    public async Task A_click_being_written_locks_its_month_but_not_its_giver_or_thing_which_still_cannot_be_deleted()
    {
        await using (var connection = await _db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            const string Click = "INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)";
            await using (var insert = new NpgsqlCommand(Click, connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _giver });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _thing });
                insert.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = Month });
                await insert.ExecuteNonQueryAsync();
            }

            // A settlement closing the month must wait for the click (the month row is locked FOR SHARE) ...
            var monthLocked = await RefusedAsync("SELECT 1 FROM months WHERE month = $1 FOR UPDATE NOWAIT", Month);
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, monthLocked.SqlState);
            // ... while the giver and the thing carry no KEY SHARE lock (FOR UPDATE would conflict with one) ...
            await _db.ExecuteAsync("SELECT 1 FROM users WHERE id = $1 FOR UPDATE NOWAIT", _giver);
            await _db.ExecuteAsync("SELECT 1 FROM things WHERE id = $1 FOR UPDATE NOWAIT", _thing);
            // ... because nothing could take them away from under the click.
            Assert.Equal("things_permanent", (await RefusedAsync("DELETE FROM things WHERE id = $1", _thing)).ConstraintName);
            Assert.Equal("users_permanent", (await RefusedAsync("DELETE FROM users WHERE id = $1", _giver)).ConstraintName);

            await transaction.CommitAsync();
        }

        Assert.Equal(0L, await _db.ScalarAsync<long>("""
            SELECT count(*) FROM clicks c
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.giver_id) OR NOT EXISTS (SELECT 1 FROM things t WHERE t.id = c.thing_id)
            """));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM clicks"));
    }

    [Fact]
    public async Task The_click_statement_always_runs_its_generic_plan_so_small_batches_are_not_planned_again_each_time() =>
        Assert.Contains("plan_cache_mode=force_generic_plan",
            await _db.ScalarAsync<string[]>("SELECT proconfig FROM pg_proc WHERE proname = 'click_add'"));

    async Task<PostgresException> RefusedAsync(string sql, params object[] parameters) =>
        await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync(sql, parameters));
}
