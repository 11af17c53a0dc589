using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Silo.Runtime.Diagnostics;

/// <summary>
/// The meter "Silo": activations (up/down counter), activation failures, deactivations, calls and failed calls
/// (counters; calls per second is their rate), call duration (histogram, milliseconds, enqueue to response) and
/// queued calls (observable gauge). Instruments are tagged with the grain type.
/// </summary>
sealed class SiloMetrics : IDisposable
{
    public const string MeterName = "Silo";
    const string GrainTypeTag = "grain.type";

    readonly Meter _meter;
    readonly bool _ownsMeter;
    readonly UpDownCounter<long> _activations;
    readonly Counter<long> _activationFailures;
    readonly Counter<long> _deactivations;
    readonly Counter<long> _calls;
    readonly Counter<long> _failedCalls;
    readonly Histogram<double> _callDuration;

    public SiloMetrics(IMeterFactory? meterFactory, Func<IEnumerable<Measurement<int>>> observeQueueLengths)
    {
        var options = new MeterOptions(MeterName);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        _activations = _meter.CreateUpDownCounter<long>("silo.activations", "{activation}", "Activations in the directory.");
        _activationFailures = _meter.CreateCounter<long>("silo.activation.failures", "{activation}", "Activations whose state read or OnActivateAsync threw.");
        _deactivations = _meter.CreateCounter<long>("silo.deactivations", "{activation}", "Completed deactivations, tagged with the reason.");
        _calls = _meter.CreateCounter<long>("silo.calls", "{call}", "Completed grain calls.");
        _failedCalls = _meter.CreateCounter<long>("silo.calls.failed", "{call}", "Grain calls that completed with an exception.");
        _callDuration = _meter.CreateHistogram<double>("silo.call.duration", "ms", "Time from enqueue to response of grain calls.");
        _meter.CreateObservableGauge("silo.queue.length", observeQueueLengths, "{call}", "Calls waiting for their activation's gate.");
    }

    public Meter Meter => _meter;

    public void ActivationAdded(GrainType grainType) => _activations.Add(1, Tag(grainType));

    public void ActivationRemoved(GrainType grainType) => _activations.Add(-1, Tag(grainType));

    public void ActivationFailed(GrainType grainType) => _activationFailures.Add(1, Tag(grainType));

    public void Deactivated(GrainType grainType, DeactivationReasonCode reason) =>
        _deactivations.Add(1, Tag(grainType), new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void CallCompleted(GrainType grainType, long startTimestamp, bool failed)
    {
        if (_calls.Enabled)
        {
            _calls.Add(1, Tag(grainType));
        }

        if (failed && _failedCalls.Enabled)
        {
            _failedCalls.Add(1, Tag(grainType));
        }

        if (_callDuration.Enabled)
        {
            _callDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, Tag(grainType));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    static KeyValuePair<string, object?> Tag(GrainType grainType) => new(GrainTypeTag, grainType.Name);
}
