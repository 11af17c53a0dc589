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

    public const string Add = """
        WITH input AS (
            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::boolean[], $5::text[])
                WITH ORDINALITY AS i(giver_id, thing_id, month, anonymous, source, ord)
        ), open_months AS (
            SELECT m.month FROM months m
            WHERE m.month IN (SELECT DISTINCT month FROM input) AND m.status = 'open'
            ORDER BY m.month
            FOR SHARE
        ), checked AS (
            SELECT i.ord, i.giver_id, i.thing_id, i.month, i.anonymous, i.source, t.owner_id, t.title, t.url,
                CASE
                    WHEN u.id IS NULL THEN 'giver_not_found'
                    WHEN t.id IS NULL THEN 'thing_not_found'
                    WHEN t.status <> 'active' THEN 'thing_inactive'
                    WHEN t.owner_id = i.giver_id THEN 'own_thing'
                    WHEN om.month IS NULL THEN 'month_closed'
                    WHEN i.source = 'click' AND (coalesce(b.amount_cents, 0) <= 0 OR coalesce(a.balance_cents, 0) <= 0) THEN 'no_means'
                    ELSE 'ok'
                END AS verdict
            FROM input i
            LEFT JOIN users u ON u.id = i.giver_id
            LEFT JOIN things t ON t.id = i.thing_id
            LEFT JOIN open_months om ON om.month = i.month
            LEFT JOIN accounts a ON a.user_id = i.giver_id
            LEFT JOIN LATERAL (
                SELECT bu.amount_cents FROM budgets bu
                WHERE bu.user_id = i.giver_id AND bu.effective_month <= i.month
                ORDER BY bu.effective_month DESC LIMIT 1
            ) b ON true
        ), inserted AS (
            INSERT INTO clicks (giver_id, thing_id, month, source, anonymous, created_at)
            SELECT giver_id, thing_id, month, source, anonymous, $6 FROM checked WHERE verdict = 'ok'
            ORDER BY giver_id, thing_id, month
            ON CONFLICT DO NOTHING
            RETURNING giver_id, thing_id, month
        ), counted AS (
            INSERT INTO thing_month_counts AS c (thing_id, month, clicks, version)
            SELECT thing_id, month, count(*), 1 FROM inserted GROUP BY thing_id, month ORDER BY thing_id, month
            ON CONFLICT (thing_id, month) DO UPDATE SET clicks = c.clicks + excluded.clicks, version = c.version + 1
            RETURNING thing_id, month, clicks, version
        )
        SELECT ch.ord,
               CASE WHEN ch.verdict <> 'ok' THEN ch.verdict WHEN ins.giver_id IS NULL THEN 'duplicate' ELSE 'added' END,
               cnt.month, cnt.clicks, cnt.version, ch.owner_id, ch.title, ch.url
        FROM checked ch
        LEFT JOIN inserted ins ON ins.giver_id = ch.giver_id AND ins.thing_id = ch.thing_id AND ins.month = ch.month
        LEFT JOIN counted cnt ON ins.giver_id IS NOT NULL AND cnt.thing_id = ch.thing_id AND cnt.month = ch.month
        ORDER BY ch.ord
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

    public static ClickSource ParseSource(string text) => text == "subscription" ? ClickSource.Subscription : ClickSource.Click;
}
