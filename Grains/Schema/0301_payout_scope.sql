-- The API scope 'payout' (POST /user/payouts) joins the scopes a token or an authorization code may carry.
-- IF EXISTS: the OAuth tables may be replaced by another server's; the scope lists are then that server's business.

ALTER TABLE IF EXISTS api_tokens DROP CONSTRAINT IF EXISTS api_tokens_scopes_check,
    ADD CONSTRAINT api_tokens_scopes_check CHECK (scopes <@ ARRAY['flattr', 'thing', 'email', 'extendedread', 'payout']::text[]);

ALTER TABLE IF EXISTS oauth_codes DROP CONSTRAINT IF EXISTS oauth_codes_scopes_check,
    ADD CONSTRAINT oauth_codes_scopes_check CHECK (scopes <@ ARRAY['flattr', 'thing', 'email', 'extendedread', 'payout']::text[]);
