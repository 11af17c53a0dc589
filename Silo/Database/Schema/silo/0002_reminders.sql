-- Durable reminders of one service. version is the ETag, bumped by every upsert.
CREATE TABLE reminders (
    service_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);
