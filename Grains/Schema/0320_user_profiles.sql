-- A creator's public profile beyond the users row: a short bio, up to three http(s) links and an avatar.
-- Kept beside users (one row per user, created at the first edit) so the account's own columns stay the accounts' business.

CREATE TABLE user_profiles (
    user_id    bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bio        text        NOT NULL DEFAULT '' CHECK (char_length(bio) <= 500),
    links      text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(links) <= 3),
    updated_at timestamptz NOT NULL
);

-- The avatar as the web re-encoded it (a square PNG or WebP, never the uploaded bytes); etag names these bytes.
CREATE TABLE user_avatars (
    user_id      bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    image        bytea       NOT NULL CHECK (octet_length(image) BETWEEN 1 AND 1048576),
    content_type text        NOT NULL CHECK (content_type IN ('image/png', 'image/webp')),
    etag         text        NOT NULL CHECK (length(etag) BETWEEN 1 AND 100),
    updated_at   timestamptz NOT NULL
);
