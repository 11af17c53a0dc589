-- Reminders for Microsoft.Orleans.Reminders.AdoNet: one row per (service, grain, reminder name).
--
-- GrainId is the grain id's text (GrainId.ToString()), which the provider parses back. GrainHash is the grain's uniform
-- hash, a uint the provider passes as a (signed) integer: each silo's reminder service reads the reminders of its
-- range of the hash ring. Period is in milliseconds. Version is the ETag, 0 for a new reminder, moved on by every upsert.
--
-- Contract (parameters bound; columns read by name):
--   UpsertReminderRowKey  @ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash -> Version
--   ReadReminderRowsKey   @ServiceId, @GrainId -> GrainId, ReminderName, StartTime, Period, Version
--   ReadReminderRowKey    @ServiceId, @GrainId, @ReminderName -> the same columns, no row or one
--   ReadRangeRows1Key     @ServiceId, @BeginHash, @EndHash, used when (int)begin < (int)end -> the same columns for
--                         BeginHash < GrainHash <= EndHash
--   ReadRangeRows2Key     the same, used otherwise: the range wraps round, GrainHash > BeginHash or <= EndHash
--   DeleteReminderRowKey  @ServiceId, @GrainId, @ReminderName, @Version -> one row, one column: > 0 when deleted
--   DeleteReminderRowsKey @ServiceId -> nothing read
-- Npgsql sends strings as text, @StartTime as timestamptz (a UTC DateTime), @GrainHash, @BeginHash, @EndHash and
-- @Version as integer, and @Period as integer, or bigint when it does not fit one; Period is read as bigint.
CREATE TABLE OrleansRemindersTable (
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- The range reads of the reminder services.
CREATE INDEX OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('UpsertReminderRowKey', $sql$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = excluded.StartTime,
       Period = excluded.Period,
       GrainHash = excluded.GrainHash,
       Version = r.Version + 1
RETURNING r.Version AS "Version"
$sql$),

('ReadReminderRowsKey', $sql$
SELECT GrainId      AS "GrainId",
       ReminderName AS "ReminderName",
       StartTime    AS "StartTime",
       Period       AS "Period",
       Version      AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
SELECT GrainId      AS "GrainId",
       ReminderName AS "ReminderName",
       StartTime    AS "StartTime",
       Period       AS "Period",
       Version      AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName
$sql$),

('ReadRangeRows1Key', $sql$
SELECT GrainId      AS "GrainId",
       ReminderName AS "ReminderName",
       StartTime    AS "StartTime",
       Period       AS "Period",
       Version      AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash
$sql$),

('ReadRangeRows2Key', $sql$
SELECT GrainId      AS "GrainId",
       ReminderName AS "ReminderName",
       StartTime    AS "StartTime",
       Period       AS "Period",
       Version      AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$sql$),

('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS "Deleted" FROM deleted
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
$sql$);
