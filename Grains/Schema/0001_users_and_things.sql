-- Users and things: the identities every other table refers to.
-- Money, clicks and settlement tables come in later scripts (0100 and up).

CREATE TABLE users (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text        NOT NULL CHECK (username ~ '^[a-z0-9_]{3,30}$'),
    email                text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
    display_name         text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    language             text        NOT NULL DEFAULT 'en_GB' CHECK (language ~ '^[a-z]{2}_[A-Z]{2}$'),
    password_hash        text        NULL,
    email_verified_at    timestamptz NULL,
    anonymous_by_default boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now()
);

-- Usernames are stored lower-case by the application; e-mail addresses compare case-insensitively.
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE things (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    bigint      NOT NULL REFERENCES users (id),
    url         text        NOT NULL CHECK (length(url) BETWEEN 8 AND 2048 AND url ~ '^https?://'),
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 5 AND 100),
    description text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
    category    text        NOT NULL CHECK (category IN ('text', 'images', 'video', 'audio', 'software', 'people', 'rest')),
    language    text        NOT NULL CHECK (language ~ '^[a-z]{2}_[A-Z]{2}$'),
    tags        text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    hidden      boolean     NOT NULL DEFAULT false,
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One thing per URL (the application normalises URLs before storing them).
CREATE UNIQUE INDEX things_url_key ON things (url);
CREATE INDEX things_owner_idx ON things (owner_id);
CREATE INDEX things_tags_idx ON things USING gin (tags);
