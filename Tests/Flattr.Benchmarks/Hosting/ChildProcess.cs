using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Flattr.Benchmarks.Hosting;

/// <summary>What to start: a program, its arguments, where, with which extra environment, and a name for its log file.</summary>
public sealed record ProcessSpec(string Name, string File, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

public sealed record ProcessResult(int ExitCode, string Output, string Error, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// A child process whose output is captured (stdout also line by line, for handshakes), written to a log file when it ends,
/// and which is killed with its children if it outlives its time limit or the run is cancelled: no load outlives the benchmark.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly string _logFolder;
    readonly StringBuilder _output = new();
    readonly StringBuilder _error = new();
    readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    bool _logged;

    ChildProcess(ProcessSpec spec, string logFolder)
    {
        Spec = spec;
        _logFolder = logFolder;
        var start = new ProcessStartInfo(spec.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Received(e.Data, _output, _outputClosed, toLines: true);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, _error, _errorClosed, toLines: false);
    }

    public ProcessSpec Spec { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static ChildProcess Start(ProcessSpec spec, string logFolder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var child = new ChildProcess(spec, logFolder);
        if (!child._process.Start())
        {
            throw new InvalidOperationException($"{spec.File} did not start.");
        }

        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a program to its end (or kills it at the limit) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, string logFolder, TimeSpan limit, CancellationToken cancellationToken)
    {
        await using var child = Start(spec, logFolder);
        return await child.WaitAsync(limit, cancellationToken);
    }

    /// <summary>The next line the child printed on stdout, or null if it ended or the wait timed out.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(timeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(timeLimit.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(limit);
        var timedOut = false;
        try
        {
            await _process.WaitForExitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await WriteLogAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(_process.ExitCode, Output, Error, timedOut);
    }

    /// <summary>Asks the child to stop (SIGTERM, as Ctrl+C would), then kills it if it has not stopped within the grace time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await WriteLogAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        if (!_process.HasExited)
        {
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await WriteLogAsync();
        _process.Dispose();
    }

    void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
    }

    void Received(string? data, StringBuilder into, TaskCompletionSource closed, bool toLines)
    {
        if (data is null)
        {
            closed.TrySetResult();
            if (toLines)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (into)
        {
            into.AppendLine(data);
        }

        if (toLines)
        {
            _lines.Writer.TryWrite(data);
        }
    }

    async Task WriteLogAsync()
    {
        if (_logged)
        {
            return;
        }

        _logged = true;
        Directory.CreateDirectory(_logFolder);
        var path = Path.Combine(_logFolder, Spec.Name + ".log");
        var command = Spec.File + " " + string.Join(' ', Spec.Arguments);
        await File.WriteAllTextAsync(path, $"$ {command}\n--- stdout\n{Output}\n--- stderr\n{Error}", CancellationToken.None);
    }
}
