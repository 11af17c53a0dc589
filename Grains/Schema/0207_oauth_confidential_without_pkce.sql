-- Numbered 0207, not in 01xx: oauth_apps and oauth_codes are created by 0200, and scripts run in version order.
-- Flattr-era OAuth clients predate PKCE (RFC 7636). RFC 9700 requires PKCE of public clients and recommends it for
-- confidential ones, which authenticate with their secret at the token endpoint. An application's owner may therefore
-- let a confidential application (one with a secret) leave PKCE out; a public application always needs it.
ALTER TABLE oauth_apps
    ADD COLUMN pkce_optional boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT oauth_apps_pkce_optional_needs_secret CHECK (NOT pkce_optional OR secret_hash IS NOT NULL);

-- A code issued without a challenge (only to such an application) has none; a code with one needs its verifier.
ALTER TABLE oauth_codes ALTER COLUMN code_challenge DROP NOT NULL;
