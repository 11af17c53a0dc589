using Flattr.Wallets;

namespace Flattr.Clicks;

/// <summary>
/// The group-commit statements. Each is ONE statement over unnest arrays: it validates every click against
/// users, things, budgets, balances and the month (locked FOR SHARE, so a settlement closing the month waits
/// for the batch or the batch sees the month closed), writes the rows, moves the live counts and returns
/// one verdict per input position (for a click, with the thing's owner, title and URL).
/// </summary>
internal static class ClickSql
{
    public const string EnsureMonths = """
        INSERT INTO months (month) SELECT DISTINCT m FROM unnest($1::date[]) AS x(m) ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Adds a batch of clicks: $1 givers, $2 things, $3 months, $4 anonymous flags, $5 sources, $6 the time. The statement
    /// is the database function <c>click_add</c> (Schema/0106_click_add_function.sql), because a function can pin its
    /// plan to the generic one: as a prepared statement the plan cache re-planned it at every execution whenever batches
    /// were small (1 to 7 clicks), and planning then cost more than the rest of the batch together.
    /// </summary>
    public const string Add = """
        SELECT ord, verdict, month, clicks, version, owner_id, title, url FROM click_add($1, $2, $3, $4, $5, $6)
        """;

    public const string Withdraw = """
        WITH input AS (
            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[]) WITH ORDINALITY AS i(giver_id, thing_id, month, ord)
        ), open_months AS (
            SELECT m.month FROM months m
            WHERE m.month IN (SELECT DISTINCT month FROM input) AND m.status = 'open'
            ORDER BY m.month
            FOR SHARE
        ), deleted AS (
            DELETE FROM clicks c
            USING input i JOIN open_months om ON om.month = i.month
            WHERE c.giver_id = i.giver_id AND c.thing_id = i.thing_id AND c.month = i.month
            RETURNING c.giver_id, c.thing_id, c.month, c.source, c.anonymous, c.created_at
        ), logged AS (
            INSERT INTO click_withdrawals (giver_id, thing_id, month, source, anonymous, clicked_at, withdrawn_at)
            SELECT giver_id, thing_id, month, source, anonymous, created_at, $4 FROM deleted
        ), counted AS (
            UPDATE thing_month_counts c SET clicks = c.clicks - d.n, version = c.version + 1
            FROM (SELECT thing_id, month, count(*) AS n FROM deleted GROUP BY thing_id, month) d
            WHERE c.thing_id = d.thing_id AND c.month = d.month
            RETURNING c.thing_id, c.month, c.clicks, c.version
        )
        SELECT i.ord,
               CASE
                   WHEN d.giver_id IS NOT NULL THEN 'withdrawn'
                   WHEN om.month IS NULL AND EXISTS (SELECT 1 FROM months m WHERE m.month = i.month) THEN 'month_closed'
                   ELSE 'not_clicked'
               END,
               cnt.month, cnt.clicks, cnt.version
        FROM input i
        LEFT JOIN open_months om ON om.month = i.month
        LEFT JOIN deleted d ON d.giver_id = i.giver_id AND d.thing_id = i.thing_id AND d.month = i.month
        LEFT JOIN counted cnt ON d.giver_id IS NOT NULL AND cnt.thing_id = i.thing_id AND cnt.month = i.month
        ORDER BY i.ord
        """;

    public const string ListForGiver = """
        SELECT giver_id, thing_id, month, source, anonymous, created_at FROM clicks
        WHERE giver_id = $1 AND month = $2 ORDER BY created_at, thing_id
        """;

    public const string ListForThing = """
        SELECT giver_id, thing_id, month, source, anonymous, created_at FROM clicks
        WHERE thing_id = $1 AND month = $2 ORDER BY created_at, giver_id
        """;

    public const string CountsForThing = """
        SELECT thing_id, month, clicks, version FROM thing_month_counts WHERE thing_id = $1 ORDER BY month
        """;

    public static ClickWriteStatus ParseVerdict(string verdict) => verdict switch
    {
        "added" => ClickWriteStatus.Added,
        "duplicate" => ClickWriteStatus.Duplicate,
        "withdrawn" => ClickWriteStatus.Withdrawn,
        "not_clicked" => ClickWriteStatus.NotClicked,
        "month_closed" => ClickWriteStatus.MonthClosed,
        "giver_not_found" => ClickWriteStatus.GiverNotFound,
        "thing_not_found" => ClickWriteStatus.ThingNotFound,
        "thing_inactive" => ClickWriteStatus.ThingInactive,
        "own_thing" => ClickWriteStatus.OwnThing,
        "no_means" => ClickWriteStatus.NoMeans,
        _ => throw new InvalidOperationException($"Unknown click verdict '{verdict}' from the database."),
    };

    public static string SourceText(ClickSource source) => source == ClickSource.Subscription ? "subscription" : "click";

    public static ClickSource ParseSource(string text) => text == "subscription" ? ClickSource.Subscription : ClickSource.Button;
}
