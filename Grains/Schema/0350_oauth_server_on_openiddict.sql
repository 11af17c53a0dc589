-- The OAuth 2 authorization server moved onto OpenIddict (Web/Api/OAuth), whose EF Core stores read and write these
-- tables (their names and snake_case columns are OAuthDbContext's model; the app applies SQL migrations, never EF ones).
--
-- Clients stay the applications users register in oauth_apps: oauth_clients is a read-only view of them in the shape of
-- OpenIddict's application entity, so an owner's change (PKCE optional, deletion) counts at once and nothing is copied.
-- Client secrets stay SHA-256 hashes (OAuthClientManager compares them); PKCE is required unless the owner made it optional
-- (OpenIddict's per-client "ft:pkce" requirement); permissions are not checked per client (every client may use every
-- endpoint, grant and scope).
CREATE VIEW oauth_clients AS
SELECT a.id::text                                          AS id,
       NULL::text                                          AS application_type,
       a.client_id                                         AS client_id,
       encode(a.secret_hash, 'base64')                     AS client_secret,
       CASE WHEN a.secret_hash IS NULL THEN 'public' ELSE 'confidential' END AS client_type,
       a.id::text                                          AS concurrency_token,
       'explicit'                                          AS consent_type,
       a.name                                              AS display_name,
       NULL::text                                          AS display_names,
       NULL::text                                          AS json_web_key_set,
       '[]'::text                                          AS permissions,
       NULL::text                                          AS post_logout_redirect_uris,
       NULL::text                                          AS properties,
       json_build_array(a.redirect_uri)::text              AS redirect_uris,
       CASE WHEN a.pkce_optional THEN '[]' ELSE '["ft:pkce"]' END AS requirements,
       NULL::text                                          AS settings
FROM oauth_apps a
WHERE a.deleted_at IS NULL;

-- A user's consent to an application (subject = the user's id, application_id = oauth_apps.id as text). A replayed code
-- revokes its authorization and every token of it.
CREATE TABLE oauth_authorizations (
    id                text        PRIMARY KEY DEFAULT gen_random_uuid()::text,
    application_id    text        NULL,
    concurrency_token varchar(50) NULL,
    creation_date     timestamptz NULL,
    properties        text        NULL,
    scopes            text        NULL,
    status            varchar(50) NULL,
    subject           varchar(400) NULL,
    type              varchar(50) NULL
);

CREATE INDEX oauth_authorizations_lookup_idx ON oauth_authorizations (application_id, status, subject, type);

CREATE TABLE oauth_scopes (
    id                text         PRIMARY KEY DEFAULT gen_random_uuid()::text,
    concurrency_token varchar(50)  NULL,
    description       text         NULL,
    descriptions      text         NULL,
    display_name      text         NULL,
    display_names     text         NULL,
    name              varchar(200) NULL CONSTRAINT oauth_scopes_name_key UNIQUE,
    properties        text         NULL,
    resources         text         NULL
);

-- Authorization codes, access tokens and refresh tokens. Access and refresh tokens are reference tokens: the client holds
-- reference_id's handle, the payload (sealed with the cluster's data protection key ring) stays here.
CREATE TABLE oauth_tokens (
    id                text         PRIMARY KEY DEFAULT gen_random_uuid()::text,
    application_id    text         NULL,
    authorization_id  text         NULL REFERENCES oauth_authorizations (id) ON DELETE CASCADE,
    concurrency_token varchar(50)  NULL,
    creation_date     timestamptz  NULL,
    expiration_date   timestamptz  NULL,
    payload           text         NULL,
    properties        text         NULL,
    redemption_date   timestamptz  NULL,
    reference_id      varchar(100) NULL CONSTRAINT oauth_tokens_reference_id_key UNIQUE,
    status            varchar(50)  NULL,
    subject           varchar(400) NULL,
    type              varchar(150) NULL
);

CREATE INDEX oauth_tokens_lookup_idx ON oauth_tokens (application_id, status, subject, type);
CREATE INDEX oauth_tokens_authorization_idx ON oauth_tokens (authorization_id);

-- oauth_codes (the hand-written server's codes) is no longer written; it stays until no node runs the old code.
