-- Server-side sessions: the session cookie carries a random session id; only its SHA-256 is stored here, so a copy of this
-- table opens no session. A session is valid while its row exists and it was seen within the idle lifetime; signing out,
-- "sign out everywhere", a password change or reset and deleting the account delete the rows.
CREATE TABLE user_sessions (
    id_hash      bytea       PRIMARY KEY CHECK (length(id_hash) = 32),
    user_id      bigint      NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);

CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);

-- Single-use tokens mailed to a user: a password reset (to the account's address) or the confirmation of a new e-mail
-- address (to that new address, kept in new_email until confirmed). Only the token's SHA-256 is stored.
CREATE TABLE account_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    bigint      NOT NULL REFERENCES users (id),
    purpose    text        NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
    new_email  text        NULL CHECK (length(new_email) BETWEEN 3 AND 254 AND position('@' IN new_email) > 1),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz NULL,
    CONSTRAINT account_tokens_email_iff_change CHECK ((purpose = 'email_change') = (new_email IS NOT NULL))
);

CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- A deleted account keeps its row (the ledger refers to it) with its name and address replaced; deleted_at says when.
ALTER TABLE users ADD COLUMN deleted_at timestamptz NULL;
