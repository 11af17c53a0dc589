-- Idempotency-Key on the REST API's POSTs (Stripe semantics): the first request with a key runs and its response is kept
-- for 24 hours; a retry with the same key and the same request gets that response again and changes nothing; the same key
-- with a different request is refused. A row 'in_progress' is a lock that a crashed request gives up at locked_until.

CREATE TABLE api_idempotency_keys (
    user_id               bigint      NOT NULL REFERENCES users (id),
    key                   text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 of the method, path, query and body: what "the same request" means.
    request_hash          bytea       NOT NULL CHECK (length(request_hash) = 32),
    status                text        NOT NULL CHECK (status IN ('in_progress', 'done')),
    response_status       integer     NULL CHECK (response_status BETWEEN 200 AND 499),
    response_content_type text        NULL,
    response_body         text        NULL CHECK (length(response_body) <= 1048576),
    response_location     text        NULL,
    created_at            timestamptz NOT NULL,
    locked_until          timestamptz NULL,
    PRIMARY KEY (user_id, key),
    CONSTRAINT api_idempotency_keys_done_has_response CHECK ((status = 'done') = (response_status IS NOT NULL AND response_body IS NOT NULL)),
    CONSTRAINT api_idempotency_keys_lock_iff_in_progress CHECK ((status = 'in_progress') = (locked_until IS NOT NULL))
);

-- The sweep of keys older than the retention.
CREATE INDEX api_idempotency_keys_created_idx ON api_idempotency_keys (created_at);
