-- Ownership claims: a creator who proved control of a thing's page took it over from whoever registered it first.
-- One row per move; the settlement reads it to pay a month that ended before a claim to the owner of that month.

CREATE TABLE thing_claims (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thing_id          bigint      NOT NULL REFERENCES things (id),
    previous_owner_id bigint      NOT NULL REFERENCES users (id),
    new_owner_id      bigint      NOT NULL REFERENCES users (id),
    method            text        NOT NULL CHECK (method IN ('payment_link', 'owner_meta', 'well_known')),
    proof_url         text        NOT NULL CHECK (length(proof_url) BETWEEN 8 AND 2048),
    claimed_at        timestamptz NOT NULL,
    CHECK (previous_owner_id <> new_owner_id)
);

CREATE INDEX thing_claims_thing_idx ON thing_claims (thing_id, claimed_at);
