-- Clicks: at most one per (giver, thing, month), never on one's own thing, only on an active thing,
-- only while the month is open. Live counts per thing and month live beside them.

CREATE TABLE clicks (
    giver_id   bigint      NOT NULL REFERENCES users (id),
    thing_id   bigint      NOT NULL REFERENCES things (id),
    month      date        NOT NULL CONSTRAINT clicks_first_day CHECK (extract(day FROM month) = 1),
    source     text        NOT NULL DEFAULT 'click' CHECK (source IN ('click', 'subscription')),
    anonymous  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (giver_id, thing_id, month)
);

-- Who flattred a thing (creator dashboards) and the count rebuild.
CREATE INDEX clicks_thing_month_idx ON clicks (thing_id, month);

-- Statement-level checks over the transition table: one pass per statement, not one per row, so the
-- group-commit writer and bulk loads pay once. The months rows are locked FOR SHARE: a settlement that
-- closes a month takes the row FOR UPDATE, so a click either commits before the month closes or fails.
CREATE FUNCTION clicks_check_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad_month date;
    bad_thing bigint;
BEGIN
    PERFORM 1 FROM months WHERE month IN (SELECT DISTINCT month FROM new_clicks) ORDER BY month FOR SHARE;
    SELECT n.month INTO bad_month
    FROM (SELECT DISTINCT month FROM new_clicks) n LEFT JOIN months m ON m.month = n.month
    WHERE m.status IS DISTINCT FROM 'open' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'month % is not open for clicks', to_char(bad_month, 'YYYY-MM')
            USING ERRCODE = 'check_violation', CONSTRAINT = 'clicks_month_open';
    END IF;
    SELECT n.thing_id INTO bad_thing
    FROM new_clicks n JOIN things t ON t.id = n.thing_id WHERE t.owner_id = n.giver_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a giver cannot flattr their own thing %', bad_thing
            USING ERRCODE = 'check_violation', CONSTRAINT = 'clicks_not_own_thing';
    END IF;
    SELECT n.thing_id INTO bad_thing
    FROM new_clicks n JOIN things t ON t.id = n.thing_id WHERE t.status <> 'active' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'thing % is not active', bad_thing
            USING ERRCODE = 'check_violation', CONSTRAINT = 'clicks_thing_active';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER clicks_check_inserted AFTER INSERT ON clicks
    REFERENCING NEW TABLE AS new_clicks FOR EACH STATEMENT EXECUTE FUNCTION clicks_check_inserted();

CREATE FUNCTION clicks_check_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad_month date;
BEGIN
    PERFORM 1 FROM months WHERE month IN (SELECT DISTINCT month FROM old_clicks) ORDER BY month FOR SHARE;
    SELECT n.month INTO bad_month
    FROM (SELECT DISTINCT month FROM old_clicks) n LEFT JOIN months m ON m.month = n.month
    WHERE m.status IS DISTINCT FROM 'open' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'month % is closed: its clicks can no longer be withdrawn', to_char(bad_month, 'YYYY-MM')
            USING ERRCODE = 'check_violation', CONSTRAINT = 'clicks_month_open';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER clicks_check_deleted AFTER DELETE ON clicks
    REFERENCING OLD TABLE AS old_clicks FOR EACH STATEMENT EXECUTE FUNCTION clicks_check_deleted();

-- A click is a fact: it is made or withdrawn (deleted, and logged below), never edited.
CREATE FUNCTION clicks_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clicks are never updated; withdraw and click again'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'clicks_immutable';
END
$$;

CREATE TRIGGER clicks_no_update BEFORE UPDATE ON clicks FOR EACH ROW EXECUTE FUNCTION clicks_no_update();

-- Every withdrawal, kept for audit (and so a withdrawn subscription click is not materialised again).
CREATE TABLE click_withdrawals (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    giver_id     bigint      NOT NULL REFERENCES users (id),
    thing_id     bigint      NOT NULL REFERENCES things (id),
    month        date        NOT NULL,
    source       text        NOT NULL CHECK (source IN ('click', 'subscription')),
    anonymous    boolean     NOT NULL,
    clicked_at   timestamptz NOT NULL,
    withdrawn_at timestamptz NOT NULL
);

CREATE INDEX click_withdrawals_giver_idx ON click_withdrawals (giver_id, thing_id, month);

-- Live counts, updated in the same transaction as the clicks; version orders the updates for the grains.
CREATE TABLE thing_month_counts (
    thing_id bigint NOT NULL REFERENCES things (id),
    month    date   NOT NULL,
    clicks   bigint NOT NULL CONSTRAINT thing_month_counts_not_negative CHECK (clicks >= 0),
    version  bigint NOT NULL CHECK (version > 0),
    PRIMARY KEY (thing_id, month)
);

-- A subscription counts as one click in each month of its range (3, 6, 12 months, or until cancelled).
CREATE TABLE subscriptions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    giver_id     bigint      NOT NULL REFERENCES users (id),
    thing_id     bigint      NOT NULL REFERENCES things (id),
    start_month  date        NOT NULL CONSTRAINT subscriptions_first_day CHECK (extract(day FROM start_month) = 1),
    months       integer     NULL CHECK (months IN (3, 6, 12)),
    cancelled_at timestamptz NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX subscriptions_giver_idx ON subscriptions (giver_id, thing_id);
CREATE INDEX subscriptions_start_month_idx ON subscriptions (start_month);
