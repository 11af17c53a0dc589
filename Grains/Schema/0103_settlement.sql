-- Settlement of a month: a run row, and the plan snapshot (each giver's spend = min(budget, balance) at
-- planning time) that makes a resumed run compute exactly the same shares as an uninterrupted one.

CREATE TABLE settlement_runs (
    month               date        PRIMARY KEY REFERENCES months (month),
    status              text        NOT NULL CHECK (status IN ('planning', 'running', 'done')),
    -- The no-click policy in force when planned, so a resumed run cannot change it half-way.
    no_click_policy     text        NOT NULL CHECK (no_click_policy IN ('charity', 'rollover')),
    givers              integer     NOT NULL CHECK (givers >= 0),
    clicks              bigint      NOT NULL CHECK (clicks >= 0),
    planned_spend_cents bigint      NOT NULL CHECK (planned_spend_cents >= 0),
    planned_at          timestamptz NOT NULL,
    started_at          timestamptz NULL,
    finished_at         timestamptz NULL,
    CONSTRAINT settlement_runs_finished_iff_done CHECK ((status = 'done') = (finished_at IS NOT NULL))
);

CREATE TABLE settlement_plan (
    month         date    NOT NULL REFERENCES settlement_runs (month),
    giver_id      bigint  NOT NULL REFERENCES users (id),
    budget_cents  bigint  NOT NULL CHECK (budget_cents >= 0),
    balance_cents bigint  NOT NULL CHECK (balance_cents >= 0),
    spend_cents   bigint  NOT NULL,
    clicks_count  integer NOT NULL CHECK (clicks_count >= 0),
    done          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (month, giver_id),
    CONSTRAINT settlement_plan_spend_bounded
        CHECK (spend_cents >= 0 AND spend_cents <= budget_cents AND spend_cents <= balance_cents)
);

CREATE INDEX settlement_plan_pending_idx ON settlement_plan (month, giver_id) WHERE NOT done;
