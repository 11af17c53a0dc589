using System.Diagnostics;
using System.Text;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// An operator command of the real app as a child process (<c>dotnet Flattr.Web.dll settle 2026-03</c>, <c>audit</c>), on a
/// given database, so a test can wait for it, or kill it with SIGKILL half-way.
/// </summary>
public sealed class OperatorProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();

    OperatorProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static OperatorProcess Start(string connectionString, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Repository.WebDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Flattr"] = connectionString;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var run = new OperatorProcess(process);
        process.OutputDataReceived += (_, e) => run.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs the command to its end and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, IReadOnlyDictionary<string, string> settings,
        params string[] arguments)
    {
        using var run = Start(connectionString, settings, arguments);
        var exit = await run.WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, run.Output);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // the output is complete once the streams are drained
        return _process.ExitCode;
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Tally.Fault();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
