-- The public REST API's credentials: OAuth 2 applications, authorization codes and access tokens (personal ones and
-- those granted to applications). Secrets are never stored, only their SHA-256 hashes: every secret is 256 random bits,
-- so a fast hash cannot be brute-forced and a token is found by the hash of what the client presents.

CREATE TABLE oauth_apps (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id     bigint      NOT NULL REFERENCES users (id),
    -- Public: it appears in authorization URLs.
    client_id    text        NOT NULL CONSTRAINT oauth_apps_client_id_key UNIQUE CHECK (client_id ~ '^[A-Za-z0-9_-]{16,64}$'),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 3 AND 60),
    -- Matched exactly (RFC 9700: no pattern or prefix matching of redirect URIs).
    redirect_uri text        NOT NULL CHECK (length(redirect_uri) BETWEEN 10 AND 2048),
    -- NULL for a public client (a native or browser app that cannot keep a secret): PKCE alone protects its codes.
    secret_hash  bytea       NULL CHECK (length(secret_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL
);

CREATE INDEX oauth_apps_owner_idx ON oauth_apps (owner_id) WHERE deleted_at IS NULL;

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    token_hash   bytea       NOT NULL CONSTRAINT api_tokens_token_hash_key UNIQUE CHECK (length(token_hash) = 32),
    kind         text        NOT NULL CHECK (kind IN ('personal', 'oauth')),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
    app_id       bigint      NULL REFERENCES oauth_apps (id),
    scopes       text[]      NOT NULL CHECK (scopes <@ ARRAY['flattr', 'thing', 'email', 'extendedread']::text[]),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NULL,
    revoked_at   timestamptz NULL,
    CONSTRAINT api_tokens_app_iff_oauth CHECK ((kind = 'oauth') = (app_id IS NOT NULL))
);

CREATE INDEX api_tokens_user_idx ON api_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_app_idx ON api_tokens (app_id) WHERE app_id IS NOT NULL AND revoked_at IS NULL;

-- Authorization codes (RFC 6749 4.1) bound to a PKCE S256 challenge (RFC 7636): short-lived and used at most once.
-- A second use of a code revokes the token the first use issued (RFC 6749 4.1.2).
CREATE TABLE oauth_codes (
    code_hash      bytea       PRIMARY KEY CHECK (length(code_hash) = 32),
    app_id         bigint      NOT NULL REFERENCES oauth_apps (id),
    user_id        bigint      NOT NULL REFERENCES users (id),
    redirect_uri   text        NOT NULL,
    scopes         text[]      NOT NULL CHECK (scopes <@ ARRAY['flattr', 'thing', 'email', 'extendedread']::text[]),
    -- BASE64URL(SHA-256(code_verifier)): always 43 characters.
    code_challenge text        NOT NULL CHECK (code_challenge ~ '^[A-Za-z0-9_-]{43}$'),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz NULL,
    token_id       bigint      NULL REFERENCES api_tokens (id),
    CONSTRAINT oauth_codes_expiry_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX oauth_codes_expires_idx ON oauth_codes (expires_at);
