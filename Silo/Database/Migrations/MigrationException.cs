namespace Flattr.Silo.Database.Migrations;

/// <summary>The migrations cannot be applied as they are: a badly named or changed script, or a database ahead of the code.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
