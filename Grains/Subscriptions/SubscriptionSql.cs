namespace Flattr.Subscriptions;

internal static class SubscriptionSql
{
    /// <summary>
    /// Materialises the subscription clicks of month $1 (created at $2) with the live counts, skipping
    /// clicks that exist already (a giver who also clicked counts once) and subscription clicks the giver
    /// withdrew that month. The month must be open (the click triggers check it). Returns the number added.
    /// </summary>
    public const string MaterialiseMonth = """
        WITH due AS (
            SELECT DISTINCT s.giver_id, s.thing_id
            FROM subscriptions s JOIN things t ON t.id = s.thing_id
            WHERE s.start_month <= $1
              AND (s.months IS NULL OR $1 < (s.start_month + make_interval(months => s.months))::date)
              AND (s.cancelled_at IS NULL OR $1 <= date_trunc('month', s.cancelled_at AT TIME ZONE 'UTC')::date)
              AND t.status = 'active' AND t.owner_id <> s.giver_id
              AND NOT EXISTS (
                  SELECT 1 FROM click_withdrawals w
                  WHERE w.giver_id = s.giver_id AND w.thing_id = s.thing_id AND w.month = $1 AND w.source = 'subscription')
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
}
