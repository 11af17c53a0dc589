-- Durable grain state: one row per (service, grain type, grain key, state name).
-- The grain type is part of the key, so two grain classes with the same key never share a row;
-- grain_key is GrainKey.ToStorageString() verbatim ("s:42" and "i:42" are different grains).
-- version is the ETag, a bigint so it never overflows; payload is NULL for a cleared state (a tombstone
-- that keeps the version counting up, so an old ETag can never match again after clear and re-write).
CREATE TABLE grain_state (
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     jsonb       NULL,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
);
