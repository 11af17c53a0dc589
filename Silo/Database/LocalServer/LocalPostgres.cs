using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flattr.Silo.Database.LocalServer;

/// <summary>
/// The application's private PostgreSQL server, for a machine where no connection string is configured: finds Debian's
/// server binaries (installing <c>postgresql</c> with apt-get when running as root and they are missing), creates a cluster
/// in <c>.pgdata/</c>, starts it on 127.0.0.1 and returns a connection string. A server already running there is reused.
/// </summary>
/// <remarks>
/// Same folder layout and lock file as <c>.ci/postgres-up</c>, so the two can take turns: <c>data/</c> (the cluster, with
/// <c>flattr.conf</c> rewritten at each start), <c>run/</c> (the unix socket), <c>server.log</c>, <c>.lock</c>.
/// Trust authentication on loopback only: a development server, never a production one. The server keeps running after the
/// application exits, so the next start is instant; <see cref="StopAsync"/> stops it.
/// </remarks>
public static class LocalPostgres
{
    const string User = "postgres";

    /// <summary>Starts (or reuses) the private server and returns a connection string to <see cref="LocalPostgresOptions.Database"/>.</summary>
    public static async Task<string> StartAsync(LocalPostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The private PostgreSQL server runs on Linux only; configure ConnectionStrings:Flattr elsewhere.");
        }

        var layout = new Layout(options.ResolveRootDirectory());
        Directory.CreateDirectory(layout.Root);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);

        using var fileLock = await AcquireLockAsync(layout.LockFile, timeout.Token).ConfigureAwait(false);
        var bin = await FindOrInstallBinariesAsync(options, logger, timeout.Token).ConfigureAwait(false);
        var asPostgres = Environment.IsPrivilegedProcess;
        if (asPostgres)
        {
            await HandFolderToPostgresAsync(layout, logger, timeout.Token).ConfigureAwait(false);
        }

        var port = RunningPort(layout);
        if (port is not null && await IsAcceptingAsync(port.Value, timeout.Token).ConfigureAwait(false))
        {
            LocalPostgresLog.Reusing(logger, layout.Data, port.Value);
        }
        else
        {
            port = await StartServerAsync(layout, bin, options.Port, asPostgres, logger, timeout.Token).ConfigureAwait(false);
        }

        var server = ServerConnectionString(port.Value);
        await EnsureDatabaseAsync(server, options.Database, timeout.Token).ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(server) { Database = options.Database }.ConnectionString;
    }

    /// <summary>Stops the private server if it runs (fast shutdown: open sessions are ended, committed work is kept).</summary>
    public static async Task StopAsync(LocalPostgresOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = new Layout(options.ResolveRootDirectory());
        if (!File.Exists(Path.Combine(layout.Data, "PG_VERSION")) || FindBinaries() is not { } bin)
        {
            return;
        }

        var asPostgres = Environment.IsPrivilegedProcess;
        var (status, _) = await ProcessRunner.RunAsync(
            Path.Combine(bin, "pg_ctl"), ["-D", layout.Data, "status"], layout.Root, asPostgres, cancellationToken).ConfigureAwait(false);
        if (status == 0)
        {
            await ProcessRunner.RunCheckedAsync(
                Path.Combine(bin, "pg_ctl"), ["-D", layout.Data, "-m", "fast", "-w", "-t", "60", "stop"], layout.Root, asPostgres, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> holding <c>Flattr.sln</c> or <c>.git</c>; null if none.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flattr.sln")) || Path.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>FLATTR_PG_BIN, else the newest <c>/usr/lib/postgresql/*/bin</c> with a pg_ctl; null when none is installed.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("FLATTR_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(dir => (Dir: dir, Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0m))
            .Where(x => File.Exists(Path.Combine(x.Dir, "bin", "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault();
    }

    static async Task<string> FindOrInstallBinariesAsync(LocalPostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (FindBinaries() is { } found)
        {
            return found;
        }

        if (!Environment.IsPrivilegedProcess || !options.InstallIfMissing)
        {
            throw new InvalidOperationException(
                "No PostgreSQL server binaries in /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql), " +
                "or configure the connection string ConnectionStrings:Flattr to an existing server.");
        }

        LocalPostgresLog.Installing(logger);
        var noninteractive = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await ProcessRunner.RunCheckedAsync("apt-get", ["update", "-qq"], "/", false, cancellationToken, noninteractive).ConfigureAwait(false);
        await ProcessRunner.RunCheckedAsync(
            "apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], "/", false, cancellationToken, noninteractive).ConfigureAwait(false);
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed postgresql but no /usr/lib/postgresql/*/bin/pg_ctl exists.");
    }

    /// <summary>The server refuses to run as root: give the folder to the postgres user and let it reach the folder.</summary>
    [SupportedOSPlatform("linux")]
    static async Task HandFolderToPostgresAsync(Layout layout, ILogger logger, CancellationToken cancellationToken)
    {
        var (hasUser, _) = await ProcessRunner.RunAsync("id", [User], "/", false, cancellationToken).ConfigureAwait(false);
        if (hasUser != 0)
        {
            throw new InvalidOperationException("The OS user postgres is missing; it comes with Debian's postgresql package.");
        }

        await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", layout.Root], "/", false, cancellationToken).ConfigureAwait(false);
        if (await CanPostgresReachAsync(layout.Root, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // For example a clone in a `mktemp -d` folder (mode 700): allow others to traverse, not list, its ancestors.
        for (var dir = Directory.GetParent(layout.Root); dir is not null; dir = dir.Parent)
        {
            if (!await CanPostgresReachAsync(dir.FullName, cancellationToken).ConfigureAwait(false))
            {
                LocalPostgresLog.OpeningAncestor(logger, dir.FullName);
                File.SetUnixFileMode(dir.FullName, File.GetUnixFileMode(dir.FullName) | UnixFileMode.OtherExecute);
            }
        }
    }

    static async Task<bool> CanPostgresReachAsync(string directory, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync("test", ["-x", directory], "/", true, cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>The port in postmaster.pid (line 4) if the recorded server process is alive.</summary>
    static int? RunningPort(Layout layout)
    {
        var pidFile = Path.Combine(layout.Data, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(pidFile);
        }
        catch (IOException)
        {
            return null;
        }

        return lines.Length >= 4
            && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && Directory.Exists($"/proc/{pid}")
            && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
    }

    [SupportedOSPlatform("linux")]
    static async Task<int> StartServerAsync(Layout layout, string bin, int preferredPort, bool asPostgres, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(layout.Data, "PG_VERSION")))
        {
            // A folder without PG_VERSION is an initdb that did not finish: start over.
            if (Directory.Exists(layout.Data))
            {
                Directory.Delete(layout.Data, recursive: true);
            }

            await CreateOwnedDirectoryAsync(layout.Data, asPostgres, cancellationToken).ConfigureAwait(false);
            LocalPostgresLog.Initialising(logger, layout.Data);
            await ProcessRunner.RunCheckedAsync(
                Path.Combine(bin, "initdb"),
                ["-D", layout.Data, "-U", User, "--auth=trust", "--encoding=UTF8", "--no-locale"],
                layout.Root,
                asPostgres,
                cancellationToken).ConfigureAwait(false);
            await File.AppendAllTextAsync(
                Path.Combine(layout.Data, "postgresql.conf"), "include_if_exists = 'flattr.conf'\n", cancellationToken).ConfigureAwait(false);
        }

        var port = preferredPort;
        while (IsPortTaken(port))
        {
            port++;
        }

        await CreateOwnedDirectoryAsync(layout.Run, asPostgres, cancellationToken).ConfigureAwait(false);
        // A unix socket path is limited to 107 bytes; past that the server listens on TCP only.
        var socketDirectory = layout.Run.Length > 90 ? "" : layout.Run;
        var conf = Path.Combine(layout.Data, "flattr.conf");
        await File.WriteAllTextAsync(
            conf,
            $"""
            # Written by .ci/postgres-up and the silo host's LocalPostgres at each start.
            listen_addresses = '127.0.0.1'
            port = {port}
            unix_socket_directories = '{socketDirectory.Replace("'", "''", StringComparison.Ordinal)}'
            max_connections = 600

            """,
            cancellationToken).ConfigureAwait(false);
        if (asPostgres)
        {
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", conf], "/", false, cancellationToken).ConfigureAwait(false);
        }

        LocalPostgresLog.Starting(logger, layout.Data, port);
        await ProcessRunner.RunCheckedAsync(
            Path.Combine(bin, "pg_ctl"),
            ["-D", layout.Data, "-l", layout.Log, "-w", "-t", "120", "start"],
            layout.Root,
            asPostgres,
            cancellationToken).ConfigureAwait(false);

        while (!await IsAcceptingAsync(port, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        return port;
    }

    [SupportedOSPlatform("linux")]
    static async Task CreateOwnedDirectoryAsync(string path, bool asPostgres, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        if (asPostgres)
        {
            // initdb insists on owning the data folder, and on nobody else reading it.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", path], "/", false, cancellationToken).ConfigureAwait(false);
        }
    }

    static bool IsPortTaken(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    static string ServerConnectionString(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = User,
        Database = "postgres",
        Timeout = 5,
    }.ConnectionString;

    static async Task<bool> IsAcceptingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString(port) + ";Pooling=false");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    static async Task EnsureDatabaseAsync(string serverConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created by a concurrent starter: fine.
        }
    }

    static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock(2), the same lock as `flock` in .ci/postgres-up.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    sealed record Layout(string Root)
    {
        public string Data => Path.Combine(Root, "data");

        public string Run => Path.Combine(Root, "run");

        public string Log => Path.Combine(Root, "server.log");

        public string LockFile => Path.Combine(Root, ".lock");
    }
}
