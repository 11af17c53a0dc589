-- Grain state for Microsoft.Orleans.Persistence.AdoNet: one row per state of one grain.
--
-- What identifies a row is what the provider binds: the service (ClusterOptions.ServiceId), the state's name
-- (@GrainTypeString: the name given to [PersistentState], not the grain class) and the grain's key, split into
-- @GrainIdN0/@GrainIdN1 (a Guid's two halves; 0 and the number for an integer key; 0 and 0 for a string key) and
-- @GrainIdExtensionString (the key extension, or the whole key of a string-keyed grain; NULL when there is none).
-- @GrainIdHash and @GrainTypeHash are the provider's 32-bit hashes of the key and of the state name: they lead the
-- unique key so that lookups are narrow, and are compared like every other part of it.
-- Version is the ETag. A cleared state keeps its row with PayloadBinary NULL and the version moved on, so an old ETag
-- never matches again; only DeleteStorageKey (used when the storage option DeleteStateOnClear is set) removes a row.
--
-- Contract (10.4.2; parameters bound; columns read):
--   ReadFromStorageKey  @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
--                       @GrainIdExtensionString, @ServiceId -> no row, or one row of five columns in this order:
--                       PayloadBinary, PayloadXml, PayloadJson, a timestamp, Version (PayloadBinary and Version are
--                       read by name; the other two are always NULL here, the provider only writes binary payloads)
--   WriteToStorageKey   the same seven, @GrainStateVersion (NULL for a state never written), @PayloadBinary -> the new
--                       version as NewGrainStateVersion; no row means the ETag did not match (InconsistentStateException)
--   ClearStorageKey     the same seven, @GrainStateVersion -> the new version in the first column; no row = ETag mismatch
--   DeleteStorageKey    the same seven, @GrainStateVersion -> the deleted version + 1 in the first column; no row = ETag
--                       mismatch (optional key: the provider asks for it only with DeleteStateOnClear)
-- Npgsql sends the hashes and @GrainStateVersion as integer, @GrainIdN0/@GrainIdN1 as bigint, strings as text and
-- the payload as bytea.
--
-- NULLS NOT DISTINCT (PostgreSQL 15) makes two rows without an extension string the same key, which is what
-- ON CONFLICT in WriteToStorageKey relies on when two activations of one grain insert its first state together.
CREATE TABLE OrleansStorage (
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NOT NULL,
    CONSTRAINT OrleansStorage_Key UNIQUE NULLS NOT DISTINCT
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $sql$
SELECT PayloadBinary AS "PayloadBinary",
       NULL::text    AS "PayloadXml",
       NULL::text    AS "PayloadJson",
       ModifiedOn    AS "ModifiedOn",
       Version       AS "Version"
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- With an ETag: replace the payload if the row still has that version. Without one (the state was never written):
-- insert version 1, unless a row exists already. Either way one row comes back on success and none on a conflict;
-- a concurrent writer of the same row waits for the first and then finds the version or the key taken.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE OrleansStorage
       SET PayloadBinary = @PayloadBinary,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE @GrainStateVersion IS NOT NULL
       AND GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version
), inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
           @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
        DO NOTHING
    RETURNING Version
)
SELECT Version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT Version FROM inserted
$sql$),

-- Keeps the row as a tombstone: no payload, the version moved on.
('ClearStorageKey', $sql$
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       ModifiedOn = now(),
       Version = Version + 1
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS "NewGrainStateVersion"
$sql$),

-- Removes the row. The provider compares the returned value with the ETag it sent, so it gets version + 1.
('DeleteStorageKey', $sql$
DELETE FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS "NewGrainStateVersion"
$sql$);
