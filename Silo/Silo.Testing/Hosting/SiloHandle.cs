using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;
using Silo.Testing.Time;

namespace Silo.Testing.Hosting;

/// <summary>One running silo host of a <see cref="TestSilo"/>: what one process of the application would be.</summary>
public sealed class SiloHandle : IAsyncDisposable
{
    readonly IHost _host;
    readonly ManualTimeProvider? _time;

    internal SiloHandle(IHost host, ManualTimeProvider? time)
    {
        _host = host;
        _time = time;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public ISiloDiagnostics Diagnostics => Services.GetRequiredService<ISiloDiagnostics>();

    public bool IsRunning { get; private set; } = true;

    internal static async Task<SiloHandle> StartAsync(IHost host, ManualTimeProvider? time, CancellationToken cancellationToken)
    {
        var handle = new SiloHandle(host, time);
        try
        {
            await host.StartAsync(cancellationToken);
            return handle;
        }
        catch
        {
            await handle.StopAsync(SiloStopMode.Abrupt, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops this host; does nothing if it is stopped already.</summary>
    public async Task StopAsync(SiloStopMode mode, CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return;
        }

        IsRunning = false;
        if (mode == SiloStopMode.Abrupt)
        {
            // A dead process's timers fire no more; then the container goes, closing its connections, without StopAsync.
            _time?.CancelTimers();
        }
        else
        {
            await _host.StopAsync(cancellationToken);
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>A graceful stop.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(SiloStopMode.Graceful));
}
