using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Flattr.Silo.Tests.Support;

/// <summary>
/// A built Flattr program as a child process (<c>dotnet Flattr.Silo.dll</c> or <c>dotnet Flattr.Web.dll --urls ...</c>),
/// configured by environment variables as an operator would, on 127.0.0.1. Its output is kept for failure messages; it is
/// killed on disposal if still running. Start it again after a kill with the same settings (same ports, same database).
/// </summary>
public sealed class FlattrProcess : IAsyncDisposable
{
    const int KeptLines = 300;

    readonly string _dll;
    readonly IReadOnlyList<string> _arguments;
    readonly Dictionary<string, string> _environment;
    readonly ConcurrentQueue<string> _output = new();
    readonly ConcurrentQueue<string> _errors = new();
    Process? _process;

    FlattrProcess(string name, string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _dll = dll;
        _arguments = arguments;
        _environment = new(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    /// <summary>"silo" or "web": for messages.</summary>
    public string Name { get; }

    /// <summary>Where the web serves HTTP (null for the silo).</summary>
    public Uri? BaseUri { get; private init; }

    /// <summary>Everything the process wrote (stdout and stderr, the last lines), for failure messages.</summary>
    public string RecentOutput => $"--- {Name} output ---{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";

    /// <summary>What the process wrote to stderr, line by line.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errors];

    public bool HasExited => _process is not { HasExited: false };

    /// <summary>The headless silo; <paramref name="settings"/> are configuration keys (<c>Flattr:Cluster:SiloPort</c>).</summary>
    public static FlattrProcess Silo(IReadOnlyDictionary<string, string> settings) =>
        new("silo", Repository.SiloDll, [], settings);

    /// <summary>The web serving HTTP on 127.0.0.1:<paramref name="httpPort"/>.</summary>
    public static FlattrProcess Web(int httpPort, IReadOnlyDictionary<string, string> settings)
    {
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/"));
        // Production requires the public base URL (links and e-mails never come from a request's Host header).
        var withAddress = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        withAddress.TryAdd("Flattr:Web:PublicBaseUrl", baseUri.ToString());
        return new("web", Repository.WebDll, ["--urls", baseUri.ToString().TrimEnd('/')], withAddress) { BaseUri = baseUri };
    }

    public void Start()
    {
        if (!HasExited)
        {
            throw new InvalidOperationException($"The {Name} is already running.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        start.ArgumentList.Add(_dll);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Keep($"--- started {Name} (pid {process.Id.ToString(CultureInfo.InvariantCulture)}) ---", error: false);
    }

    /// <summary>Waits until <paramref name="ready"/> holds; fails with the process's output if it exits or the time runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited)
            {
                await Task.Delay(200); // the last lines of output
                throw new InvalidOperationException($"The {Name} exited ({ExitCode()}) before {what}.{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
            {
                // Not up yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout}: {what}.{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"The {Name} was never started.");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The {Name} still runs after {timeout}.{Environment.NewLine}{RecentOutput}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL to the process and its children: no shutdown of any kind.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException($"The {Name} is not running.{Environment.NewLine}{RecentOutput}");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Keep($"--- {Name} killed by the test ---", error: false);
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

    string ExitCode() => _process is { HasExited: true } p ? "exit code " + p.ExitCode.ToString(CultureInfo.InvariantCulture) : "not started";

    void Keep(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        if (error)
        {
            _errors.Enqueue(line);
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
