-- ASP.NET Core data protection's key ring (the keys that sign and encrypt session cookies and antiforgery tokens), shared by
-- every web node so that what one node issued, every other accepts. One row per XML element the key manager stores: a key
-- (friendly name key-<guid>) or a revocation. Rows are only ever added; the key manager itself ignores expired keys.
-- The XML holds the key material unencrypted: whoever can read this table can forge cookies, as with the database itself.

CREATE TABLE data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL UNIQUE,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
