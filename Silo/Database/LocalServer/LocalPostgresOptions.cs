namespace Flattr.Silo.Database.LocalServer;

/// <summary>Where and how <see cref="LocalPostgres"/> runs the application's private PostgreSQL server.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>The folder of the cluster, its socket and its log; default <c>.pgdata/</c> at the repository root
    /// (found by walking up from the current directory to <c>Flattr.sln</c> or <c>.git</c>), else in the current directory.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>The preferred port on 127.0.0.1; the next free one is used when another program holds it.</summary>
    public int Port { get; set; } = 5433;

    /// <summary>The database the returned connection string names; created if missing.</summary>
    public string Database { get; set; } = "flattr";

    /// <summary>Whether a root process may <c>apt-get install postgresql</c> when no server binaries are found.</summary>
    public bool InstallIfMissing { get; set; } = true;

    /// <summary>How long to wait for the lock held by another starter, and for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public string ResolveRootDirectory() =>
        RootDirectory ?? Path.Combine(LocalPostgres.FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory(), ".pgdata");
}
