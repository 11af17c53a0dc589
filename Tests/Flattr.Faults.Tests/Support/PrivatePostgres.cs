using System.Text.RegularExpressions;
using Flattr.Silo.Database.LocalServer;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own, which the test may stop and start (never the shared development server):
/// <c>.ci/postgres-up</c> with <c>FLATTR_PG_ROOT</c> in a temporary folder and a free port, so it is made exactly as CI
/// makes the project's server (as root it runs as the OS user postgres). Disposal stops it and deletes the folder.
/// </summary>
public sealed partial class PrivatePostgres : IAsyncDisposable
{
    readonly Dictionary<string, string> _environment;

    PrivatePostgres(string root, int port)
    {
        Root = root;
        _environment = new Dictionary<string, string>
        {
            ["FLATTR_PG_ROOT"] = root,
            ["FLATTR_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FLATTR_PG_DATABASE"] = "flattr",
        };
    }

    public string Root { get; }

    /// <summary>The connection string of its <c>flattr</c> database (printed by postgres-up).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var server = new PrivatePostgres(Path.Combine(Path.GetTempPath(), "flattr-faults-pg-" + Guid.NewGuid().ToString("N")[..12]), Flattr.Silo.Hosting.FreePorts.Take());
        await server.UpAsync();
        return server;
    }

    /// <summary>Starts the stopped server again (postgres-up reuses the cluster and its port).</summary>
    public Task UpAsync() => RunUpAsync();

    /// <summary>
    /// Stops the server: <c>immediate</c> is a crash as far as the data is concerned (no checkpoint, WAL recovery at the next
    /// start), <c>fast</c> a clean shutdown that ends open sessions.
    /// </summary>
    public async Task StopAsync(string mode = "immediate")
    {
        var bin = LocalPostgres.FindBinaries() ?? throw new InvalidOperationException("No PostgreSQL binaries.");
        var pgCtl = Path.Combine(bin, "pg_ctl");
        string[] arguments = ["-D", Path.Combine(Root, "data"), "-m", mode, "-w", "-t", "60", "stop"];
        var (exit, _, errors) = Environment.IsPrivilegedProcess
            ? await Command.RunAsync("runuser", ["-u", "postgres", "--", pgCtl, .. arguments], workingDirectory: Root)
            : await Command.RunAsync(pgCtl, arguments, workingDirectory: Root);
        Assert.True(exit == 0, "pg_ctl stop failed: " + errors);
        Tally.Fault();
    }

    public async ValueTask DisposeAsync()
    {
        await Command.RunAsync("bash", [Path.Combine(Repository.Root, ".ci", "postgres-down")], _environment);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder: the system cleans it up eventually.
        }
    }

    async Task RunUpAsync()
    {
        var (exit, output, errors) = await Command.RunAsync("bash", [Path.Combine(Repository.Root, ".ci", "postgres-up")], _environment);
        Assert.True(exit == 0, "postgres-up failed: " + errors);
        ConnectionString = Export().Matches(output).Single(m => m.Groups[1].Value == "ConnectionStrings__Flattr").Groups[2].Value;
    }

    [GeneratedRegex("^export ([A-Za-z_]+)='([^']*)'$", RegexOptions.Multiline)]
    private static partial Regex Export();
}
