namespace Flattr.Subscriptions;

internal static class SubscriptionSql
{
    /// <summary>
    /// Materialises the subscription clicks of month $1 (created at $2) with the live counts, skipping
    /// clicks that exist already (a giver who also clicked counts once) and subscription clicks the giver
    /// withdrew that month. The month must be open (the click triggers check it). Returns the number added.
    /// </summary>
    public static readonly string MaterialiseMonth = $"""
        WITH due AS (
            SELECT s.giver_id, s.thing_id
            FROM subscriptions s JOIN things t ON t.id = s.thing_id
            WHERE {CountsIn("$1")}
        ), inserted AS (
            INSERT INTO clicks (giver_id, thing_id, month, source, anonymous, created_at)
            SELECT giver_id, thing_id, $1, 'subscription', false, $2 FROM due ORDER BY giver_id, thing_id
            ON CONFLICT DO NOTHING
            RETURNING thing_id
        ), counted AS (
            INSERT INTO thing_month_counts AS c (thing_id, month, clicks, version)
            SELECT thing_id, $1, count(*), 1 FROM inserted GROUP BY thing_id ORDER BY thing_id
            ON CONFLICT (thing_id, month) DO UPDATE SET clicks = c.clicks + excluded.clicks, version = c.version + 1
        )
        SELECT count(*)::int FROM inserted
        """;

    /// <summary>
    /// Writes the clicks one subscription (giver $1, thing $2) owes the open months $3 (a date array, locked by the caller)
    /// under its stored state, at $4: called before a change of state that would stop the rule from counting them (a resume
    /// or a revival moves <c>started_at</c> forward), so that a month settled later still gets them. Returns the number added.
    /// </summary>
    public static readonly string CatchUp = $"""
        WITH due AS (
            SELECT s.giver_id, s.thing_id, m.month
            FROM subscriptions s JOIN things t ON t.id = s.thing_id CROSS JOIN unnest($3::date[]) AS m (month)
            WHERE s.giver_id = $1 AND s.thing_id = $2 AND {CountsIn("m.month")}
        ), inserted AS (
            INSERT INTO clicks (giver_id, thing_id, month, source, anonymous, created_at)
            SELECT giver_id, thing_id, month, 'subscription', false, $4 FROM due ORDER BY month
            ON CONFLICT DO NOTHING
            RETURNING thing_id, month
        ), counted AS (
            INSERT INTO thing_month_counts AS c (thing_id, month, clicks, version)
            SELECT thing_id, month, count(*), 1 FROM inserted GROUP BY thing_id, month ORDER BY thing_id, month
            ON CONFLICT (thing_id, month) DO UPDATE SET clicks = c.clicks + excluded.clicks, version = c.version + 1
        )
        SELECT count(*)::int FROM inserted
        """;

    /// <summary>
    /// The rule: subscription <c>s</c> (joined with its thing <c>t</c>) counts in <paramref name="month"/> when the month is
    /// within its term, not before the month it last started or resumed, and it was neither paused nor cancelled before the
    /// month began (so the month of a pause or a cancellation still counts); only for an active thing that is not the giver's
    /// own, and not when the giver withdrew that month's subscription click.
    /// </summary>
    static string CountsIn(string month) => $"""
        s.start_month <= {month}
              AND date_trunc('month', s.started_at AT TIME ZONE 'UTC')::date <= {month}
              AND (s.months IS NULL OR {month} < (s.start_month + make_interval(months => s.months))::date)
              AND (s.paused_at IS NULL OR {month} <= date_trunc('month', s.paused_at AT TIME ZONE 'UTC')::date)
              AND (s.cancelled_at IS NULL OR {month} <= date_trunc('month', s.cancelled_at AT TIME ZONE 'UTC')::date)
              AND t.status = 'active' AND t.owner_id <> s.giver_id
              AND NOT EXISTS (
                  SELECT 1 FROM click_withdrawals w
                  WHERE w.giver_id = s.giver_id AND w.thing_id = s.thing_id AND w.month = {month} AND w.source = 'subscription')
        """;
}
