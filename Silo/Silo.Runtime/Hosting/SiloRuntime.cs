using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Silo.Filters;
using Silo.Reminders;
using Silo.Runtime.Catalog;
using Silo.Runtime.Collection;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Identity;
using Silo.Runtime.Messaging;
using Silo.Runtime.Observers;
using Silo.Runtime.References;
using Silo.Runtime.Reminders;

namespace Silo.Hosting;

/// <summary>
/// The silo: one per service provider. Wires the parts together and owns start and graceful stop. The grain manifest
/// is built (and validated) when the runtime is first resolved, so an invalid grain interface fails at startup.
/// </summary>
sealed class SiloRuntime : IAsyncDisposable, IDisposable
{
    // A graceful stop deactivates in rounds, because OnDeactivateAsync may call grains that were already gone.
    const int ShutdownRounds = 5;

    readonly CancellationTokenSource _stopping = new();
    readonly Lazy<IIncomingGrainCallFilter[]> _callFilters;
    volatile bool _stopped;
    int _stopRequested;
    volatile bool _disposed;

    public SiloRuntime(IServiceProvider services, IOptions<SiloOptions> options, TimeProvider timeProvider)
    {
        Options = options.Value;
        Options.Validate();
        Services = services;
        TimeProvider = timeProvider;
        Logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Silo");
        ScopeFactory = services.GetRequiredService<IServiceScopeFactory>();
        Manifest = GrainManifest.Build(Options.GrainAssemblies);
        Directory = new ActivationDirectory(this);
        Dispatcher = new GrainCallDispatcher(this);
        References = new GrainReferenceActivator(Dispatcher);
        Observers = new ObserverRegistry(References);
        GrainFactory = new GrainFactory(this);
        Metrics = new SiloMetrics(services.GetService<IMeterFactory>(), ObserveQueueLength);
        Reminders = new ReminderService(services.GetRequiredService<IReminderTable>, GrainFactory, timeProvider, Options.ReminderRefreshInterval, Logger);
        Collector = new ActivationCollector(this);
        Diagnostics = new SiloDiagnostics(this);

        // Resolved on first call: filters may themselves depend on IGrainFactory.
        _callFilters = new(() => [.. services.GetServices<IIncomingGrainCallFilter>()]);
    }

    public SiloOptions Options { get; }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public IServiceScopeFactory ScopeFactory { get; }

    public GrainManifest Manifest { get; }

    public ActivationDirectory Directory { get; }

    public GrainCallDispatcher Dispatcher { get; }

    public GrainReferenceActivator References { get; }

    public ObserverRegistry Observers { get; }

    public IGrainFactory GrainFactory { get; }

    public SiloMetrics Metrics { get; }

    public ReminderService Reminders { get; }

    public ActivationCollector Collector { get; }

    public ISiloDiagnostics Diagnostics { get; }

    public IIncomingGrainCallFilter[] CallFilters => _callFilters.Value;

    /// <summary>Cancelled when the silo stops; handed to OnActivateAsync and storage reads.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Reminders.StartAsync(cancellationToken);
        Collector.Start();
        SiloLog.Started(Logger, Manifest.Classes.Count());
    }

    /// <summary>
    /// Stops the background services, then deactivates every activation so that OnDeactivateAsync can flush state.
    /// Only the first stop does the work: hosts are often stopped twice (a test harness and the app's own RunAsync),
    /// and the second may come after disposal.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1 || _disposed)
        {
            return;
        }

        Collector.Stop();
        await Reminders.StopAsync();
        SiloLog.Stopping(Logger, Directory.Count);
        await DeactivateAllAsync(cancellationToken);
        _stopped = true;
        await DeactivateAllAsync(cancellationToken);
        if (!_disposed)
        {
            _stopping.Cancel();
        }
    }

    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < ShutdownRounds && Directory.Count > 0; round++)
        {
            var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");
            await Task.WhenAll(Directory.Activations.Select(a => a.DeactivateAsync(reason))).WaitAsync(cancellationToken);
        }
    }

    public void ThrowIfStopped(GrainId grainId)
    {
        if (_stopped)
        {
            throw new InvalidOperationException($"The silo has stopped; {grainId} cannot be activated.");
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // Disposal only stops the background timers; deactivating grains is StopAsync's job.
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Collector.Dispose();
        Reminders.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
        Metrics.Dispose();
    }

    IEnumerable<Measurement<int>> ObserveQueueLength()
    {
        var waiting = 0;
        foreach (var activation in Directory.Activations)
        {
            waiting += activation.WaitingCount;
        }

        return [new Measurement<int>(waiting)];
    }
}
