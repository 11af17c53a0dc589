-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet: the silos' own membership table and the gateway list
-- that clients read. DeploymentId is the cluster id (ClusterOptions.ClusterId).
--
-- Orleans' membership protocol keeps one version per cluster: every insert or update of a silo's row must name the
-- version it last read (@Version) and moves it on by one, atomically with the row change; a stale version changes
-- nothing and the silo reads the table again. Only the IAmAlive heartbeat writes a row without the version.
--
-- Contract (parameters the provider binds; columns it reads, by name unless said otherwise):
--   InsertMembershipVersionKey      @DeploymentId -> one row, one column: > 0 when the version row was created
--   MembershipReadRowKey            @DeploymentId, @Address, @Port, @Generation -> one row per member (at most one
--                                   here), or a single row with NULL member columns when the silo has no row; columns
--                                   DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
--                                   SuspectTimes, StartTime, IAmAliveTime, Version (a NULL StartTime means "no member")
--   MembershipReadAllKey            @DeploymentId -> the same columns, one row per member or one row without a member
--   InsertMembershipKey             @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
--                                   @ProxyPort, @StartTime, @IAmAliveTime, @Version -> one row, one column: > 0 if done
--   UpdateMembershipKey             @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
--                                   @Version -> one row, one column: > 0 if done
--   UpdateIAmAlivetimeKey           @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime -> nothing read
--   GatewaysQueryKey                @DeploymentId, @Status (Active = 3) -> Address, ProxyPort, Generation
--   CleanupDefunctSiloEntriesKey    @DeploymentId, @IAmAliveTime (the cut-off) -> nothing read
--   CleanupDefunctSiloEntryKey      @DeploymentId, @Address, @Port, @Generation, @StartTime, @IAmAliveTime,
--                                   @SuspectTimes -> nothing read (optional key, see below)
--   DeleteMembershipTableEntriesKey @DeploymentId -> nothing read
-- Cleanup of defunct silos: when CleanupDefunctSiloEntryKey is present, the 10.4.2 provider reads all members and
-- deletes, one by one, each Dead silo whose start, last heartbeat and every suspicion lie before the cut-off, naming the
-- values it read; without that key it falls back to CleanupDefunctSiloEntriesKey (which must exist all the same).
-- Neither moves the version: a Dead silo's row no longer takes part in the protocol.
-- Npgsql sends the parameters typed: text for strings, integer for int (ports, generation, status, version),
-- timestamptz for the UTC DateTime values. Result columns are quoted so that they match the names the provider asks
-- for exactly; the tables' own columns are unquoted (lower case in the catalogue).

-- The cluster's version. Timestamp is informative only: when the version last moved.
CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId text        NOT NULL PRIMARY KEY,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port and generation). Status is Orleans' SiloStatus (3 Active, 6 Dead, ...).
-- SuspectTimes is Orleans' own text, "silo,time|silo,time". The provider reads Port, Generation, Status and ProxyPort
-- as int, which must not be NULL for a member row, so ProxyPort is NOT NULL (0 when the silo is no gateway).
-- Deleting a cluster's version row deletes its members.
CREATE TABLE OrleansMembershipTable (
    DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL,
    SuspectTimes text        NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Run by every silo at start; only the first one creates the row.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created
$sql$),

-- The version row drives the result, so the version comes back even when the silo has no member row.
('MembershipReadRowKey', $sql$
SELECT v.DeploymentId AS "DeploymentId",
       m.Address      AS "Address",
       m.Port         AS "Port",
       m.Generation   AS "Generation",
       m.SiloName     AS "SiloName",
       m.HostName     AS "HostName",
       m.Status       AS "Status",
       m.ProxyPort    AS "ProxyPort",
       m.SuspectTimes AS "SuspectTimes",
       m.StartTime    AS "StartTime",
       m.IAmAliveTime AS "IAmAliveTime",
       v.Version      AS "Version"
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$sql$),

('MembershipReadAllKey', $sql$
SELECT v.DeploymentId AS "DeploymentId",
       m.Address      AS "Address",
       m.Port         AS "Port",
       m.Generation   AS "Generation",
       m.SiloName     AS "SiloName",
       m.HostName     AS "HostName",
       m.Status       AS "Status",
       m.ProxyPort    AS "ProxyPort",
       m.SuspectTimes AS "SuspectTimes",
       m.StartTime    AS "StartTime",
       m.IAmAliveTime AS "IAmAliveTime",
       v.Version      AS "Version"
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$sql$),

-- The version moves only when it is still @Version and the silo has no row yet, and the row is inserted only when the
-- version moved. Writers of one cluster queue on its version row: one that waited sees the version changed and does
-- nothing. A member row can only appear through this statement, so its NOT EXISTS cannot go stale without the version
-- check failing too.
('InsertMembershipKey', $sql$
WITH moved AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = @DeploymentId
       AND Version = @Version
       AND NOT EXISTS (
               SELECT 1
               FROM OrleansMembershipTable
               WHERE DeploymentId = @DeploymentId
                 AND Address = @Address
                 AND Port = @Port
                 AND Generation = @Generation)
    RETURNING DeploymentId
), inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM moved
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Inserted" FROM inserted
$sql$),

-- The version moves only when it is still @Version and the silo's row exists; the row is updated only when it moved.
('UpdateMembershipKey', $sql$
WITH moved AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = @DeploymentId
       AND Version = @Version
       AND EXISTS (
               SELECT 1
               FROM OrleansMembershipTable
               WHERE DeploymentId = @DeploymentId
                 AND Address = @Address
                 AND Port = @Port
                 AND Generation = @Generation)
    RETURNING DeploymentId
), updated AS (
    UPDATE OrleansMembershipTable m
       SET Status = @Status,
           SuspectTimes = @SuspectTimes,
           IAmAliveTime = @IAmAliveTime
      FROM moved
     WHERE m.DeploymentId = moved.DeploymentId
       AND m.Address = @Address
       AND m.Port = @Port
       AND m.Generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer AS "Updated" FROM updated
$sql$),

-- The heartbeat: no version check and no result.
('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation
$sql$),

-- Clients' gateway list: the active silos that listen for clients.
('GatewaysQueryKey', $sql$
SELECT Address    AS "Address",
       ProxyPort  AS "ProxyPort",
       Generation AS "Generation"
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0
$sql$),

-- The fallback cleanup: Dead (6) silos that started and were last heard of before the cut-off and that nobody
-- suspects. (A Dead row can still collect suspicions; parsing their times is left to the provider's per-row key.)
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND StartTime < @IAmAliveTime
  AND IAmAliveTime < @IAmAliveTime
  AND coalesce(SuspectTimes, '') = ''
$sql$),

-- The cleanup the provider prefers: delete one Dead silo's row if it is still exactly as the provider read it.
-- @SuspectTimes comes back NULL when the row had none, which it may have stored as NULL or as ''.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND coalesce(SuspectTimes, '') = coalesce(@SuspectTimes, '')
$sql$),

-- The whole cluster: the version row, and its members with it (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId
$sql$);
