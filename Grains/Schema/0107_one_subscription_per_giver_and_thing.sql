-- One subscription per giver and thing, as on Flattr: pausing and resuming (PUT) toggle that one row, cancelling (DELETE)
-- ends it, and subscribing again revives it. Until now a pause cancelled the row and a resume inserted another, so a giver
-- could hold several rows for one thing.
--
-- started_at: when the subscription last started or resumed (Flattr's started_at); paused_at: since when it is paused.
-- A subscription counts as one click in month M when M is within its term, M is not before the month it last started,
-- and it was neither paused nor cancelled before M began (see SubscriptionSql).
ALTER TABLE subscriptions
    ADD COLUMN started_at timestamptz NULL,
    ADD COLUMN paused_at  timestamptz NULL;

UPDATE subscriptions SET started_at = created_at;

-- Merging duplicates safely: the row kept is the running one if there is one (at most one ran at a time), else the newest.
-- The rows that go may still owe clicks to months not settled yet: those are written first, by the old rule, exactly as a
-- materialisation would have (never twice: one click per giver, thing and month; never a withdrawn one).
CREATE TEMPORARY TABLE subscriptions_merged ON COMMIT DROP AS
SELECT id, giver_id, thing_id, start_month, months, cancelled_at
FROM (
    SELECT s.*, row_number() OVER (PARTITION BY giver_id, thing_id ORDER BY (cancelled_at IS NULL) DESC, created_at DESC, id DESC) AS rank
    FROM subscriptions s
) ranked
WHERE rank > 1;

-- A month after the last closed one may have no row yet (nothing opened it; its settlement would): it gets its row.
INSERT INTO months (month)
SELECT m::date
FROM generate_series((SELECT min(start_month) FROM subscriptions_merged)::timestamp,
                     date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month') AS m
WHERE m::date > coalesce((SELECT max(month) FROM months WHERE status <> 'open'), '-infinity'::date)
ORDER BY 1
ON CONFLICT DO NOTHING;

WITH due AS (
    SELECT DISTINCT g.giver_id, g.thing_id, m.month
    FROM subscriptions_merged g
    JOIN things t ON t.id = g.thing_id
    JOIN months m ON m.status = 'open' AND m.month <= date_trunc('month', now() AT TIME ZONE 'UTC')::date
    WHERE g.start_month <= m.month
      AND (g.months IS NULL OR m.month < (g.start_month + make_interval(months => g.months))::date)
      AND (g.cancelled_at IS NULL OR m.month <= date_trunc('month', g.cancelled_at AT TIME ZONE 'UTC')::date)
      AND t.status = 'active' AND t.owner_id <> g.giver_id
      AND NOT EXISTS (
          SELECT 1 FROM click_withdrawals w
          WHERE w.giver_id = g.giver_id AND w.thing_id = g.thing_id AND w.month = m.month AND w.source = 'subscription')
), inserted AS (
    INSERT INTO clicks (giver_id, thing_id, month, source, anonymous, created_at)
    SELECT giver_id, thing_id, month, 'subscription', false, now() FROM due ORDER BY giver_id, thing_id, month
    ON CONFLICT DO NOTHING
    RETURNING thing_id, month
)
INSERT INTO thing_month_counts AS c (thing_id, month, clicks, version)
SELECT thing_id, month, count(*), 1 FROM inserted GROUP BY thing_id, month ORDER BY thing_id, month
ON CONFLICT (thing_id, month) DO UPDATE SET clicks = c.clicks + excluded.clicks, version = c.version + 1;

DELETE FROM subscriptions s USING subscriptions_merged g WHERE s.id = g.id;

ALTER TABLE subscriptions
    ALTER COLUMN started_at SET NOT NULL,
    ALTER COLUMN started_at SET DEFAULT now(),
    ADD CONSTRAINT subscriptions_one_per_giver_and_thing UNIQUE (giver_id, thing_id),
    ADD CONSTRAINT subscriptions_started_after_creation CHECK (started_at >= created_at),
    ADD CONSTRAINT subscriptions_paused_after_start CHECK (paused_at IS NULL OR paused_at >= started_at);

-- The unique constraint's index serves the giver's look-ups.
DROP INDEX subscriptions_giver_idx;
