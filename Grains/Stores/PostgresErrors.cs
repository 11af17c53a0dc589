using Npgsql;

namespace Flattr.Stores;

/// <summary>Recognises the PostgreSQL errors the stores translate into Flattr error codes.</summary>
internal static class PostgresErrors
{
    public static bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public static bool IsCheckViolation(Exception exception, string constraint) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } postgres && postgres.ConstraintName == constraint;
}
