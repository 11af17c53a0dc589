-- Not idempotent on purpose: applying it twice fails, so a double application cannot go unnoticed.
CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);
