-- The group-commit click statement (ClickSql.Add) as a function whose plan is always the generic one.
--
-- As a prepared statement its plan was left to the plan cache, which compares the generic plan (it estimates 10 clicks
-- per batch) with the custom plans made for the actual arrays. When batches are small (a quiet hour: 1 to 7 clicks per
-- commit) a custom plan looks cheaper, so the statement was planned again at every execution: about 300 µs of planning
-- for a 1-click batch, 70 % of the statement's cost (500 µs of PostgreSQL CPU per click at 1 click per batch, 140 µs at
-- 4; with this function 175 µs and 60 µs). From 8 clicks per batch on it already ran the generic plan; nothing changes
-- there. Arguments and result columns are those of ClickSql.Add: $1 givers, $2 things, $3 months, $4 anonymous flags,
-- $5 sources ('click' or 'subscription'), $6 the time of the clicks; one row per input position with its verdict.
--
-- What the statement does is unchanged, with two lookups made cheaper: a giver exists iff they have an account (every
-- user has one from the start, accounts are never deleted and refer to users), so the accounts lookup that reads the
-- balance also answers 'giver_not_found' and users is no longer joined; and that lookup is a LATERAL ... LIMIT 1 probe,
-- where the join let the planner read all of accounts for each batch. The clicks table's triggers remain the rules;
-- these verdicts only spare a batch from failing on one bad click.

CREATE FUNCTION click_add(bigint[], bigint[], date[], boolean[], text[], timestamptz)
    RETURNS TABLE (ord bigint, verdict text, month date, clicks bigint, version bigint, owner_id bigint, title text, url text)
    LANGUAGE plpgsql ROWS 256 SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH input AS (
        SELECT * FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS i(giver_id, thing_id, month, anonymous, source, ord)
    ), open_months AS (
        SELECT m.month FROM months m
        WHERE m.month IN (SELECT DISTINCT month FROM input) AND m.status = 'open'
        ORDER BY m.month
        FOR SHARE
    ), checked AS (
        SELECT i.ord, i.giver_id, i.thing_id, i.month, i.anonymous, i.source, t.owner_id, t.title, t.url,
            CASE
                WHEN a.user_id IS NULL THEN 'giver_not_found'
                WHEN t.id IS NULL THEN 'thing_not_found'
                WHEN t.status <> 'active' THEN 'thing_inactive'
                WHEN t.owner_id = i.giver_id THEN 'own_thing'
                WHEN om.month IS NULL THEN 'month_closed'
                WHEN i.source = 'click' AND (coalesce(b.amount_cents, 0) <= 0 OR a.balance_cents <= 0) THEN 'no_means'
                ELSE 'ok'
            END AS verdict
        FROM input i
        LEFT JOIN things t ON t.id = i.thing_id
        LEFT JOIN open_months om ON om.month = i.month
        LEFT JOIN LATERAL (
            SELECT ac.user_id, ac.balance_cents FROM accounts ac WHERE ac.user_id = i.giver_id LIMIT 1
        ) a ON true
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
    ORDER BY ch.ord;
END
$fn$;
