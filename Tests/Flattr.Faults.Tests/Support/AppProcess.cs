using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The real Flattr app as a child process (<c>dotnet Flattr.Web.dll --urls http://127.0.0.1:PORT</c>) on a given database:
/// what an operator runs, so it can be killed with SIGKILL and started again on the same port and database.
/// Its output is kept (the last lines) to explain a failure.
/// </summary>
/// <remarks>
/// The app co-hosts a silo of an Orleans cluster whose membership lives in that database. Its silo and gateway ports are
/// chosen once, here, and kept across restarts: a silo that starts on the endpoint of a killed one supersedes it at once,
/// while on another endpoint it would wait for the dead silo to be voted out of the membership table first.
/// </remarks>
public sealed class AppProcess : IAsyncDisposable
{
    const int KeptLines = 400;
    readonly ConcurrentQueue<string> _output = new();
    readonly Dictionary<string, string> _environment;
    Process? _process;

    /// <param name="tls">Serve HTTPS (the settings must then name a certificate, Kestrel:Certificates:Default:Path).</param>
    public AppProcess(string connectionString, IReadOnlyDictionary<string, string>? settings = null, int? port = null, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var free = Flattr.Silo.Hosting.FreePorts.Take(3);
        Port = port ?? free[0];
        SiloPort = free[1];
        GatewayPort = free[2];
        BaseUri = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{Port}/");
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Flattr"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Flattr__Web__FlattrsPerMinute"] = "100000",
            ["Flattr__Web__PublicBaseUrl"] = BaseUri.ToString(),
            ["Flattr__Cluster__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Flattr__Cluster__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    /// <summary>The co-hosted silo's port for silo-to-silo traffic, the same at every start.</summary>
    public int SiloPort { get; }

    /// <summary>The co-hosted silo's gateway port for cluster clients, the same at every start.</summary>
    public int GatewayPort { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the app and waits until <c>/health</c> answers.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The app is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Repository.WebDll, "--urls", BaseUri.ToString().TrimEnd('/'), "--contentRoot", Repository.WebContentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining, whatever was in flight is lost in the process.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("The app is not running.");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Tally.Fault();
        Keep("--- killed with SIGKILL by the test ---");
    }

    /// <summary>Resident memory of the app process, in bytes (from /proc).</summary>
    public long ResidentBytes()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        process.Refresh();
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = static (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} while starting:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app did not become healthy within {timeout}:{Environment.NewLine}{RecentOutput}");
    }

    void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
