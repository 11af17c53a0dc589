-- The Orleans ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet, .Persistence.AdoNet, .Reminders.AdoNet) carry no
-- SQL of their own: at start-up each one reads its statements with `SELECT QueryKey, QueryText FROM OrleansQuery` and
-- later runs them with its own named parameters (@DeploymentId, @GrainIdHash, ...), reading the result columns by name
-- or by position. The scripts that follow insert one row per query key; they are this project's statements, written
-- to the providers' contract (parameter names bound, columns read), not copies of the published Orleans scripts.
--
-- The providers spell these names without quotes, so the table and its columns are created without quotes too
-- (PostgreSQL folds them to orleansquery, querykey, querytext). Changing a statement later is an UPDATE of its row in
-- a new script; the providers pick the new text up when a silo starts.
CREATE TABLE OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
