-- The home-made grain runtime is retired: grains run on Orleans, whose grain state and reminders live in OrleansStorage
-- and OrleansRemindersTable (module "orleans"). Its two tables go. Their rows are not carried over: grain_state held
-- the old runtime's JSON payloads, keyed by its own grain keys, which Orleans' storage provider neither reads nor finds.
-- Scripts 0001 and 0002 stay, as the history that databases already record in schema_migrations; on a new database
-- the three scripts together leave nothing behind. The tables had no functions, triggers or indexes of their own
-- beyond their primary keys, which go with them. No CASCADE: should anything have come to depend on them, this fails
-- rather than dropping it silently.
DROP TABLE IF EXISTS reminders;
DROP TABLE IF EXISTS grain_state;
