using System.Diagnostics.CodeAnalysis;

namespace Silo.Hosting;

/// <inheritdoc />
sealed class SiloDiagnostics(SiloRuntime runtime) : ISiloDiagnostics
{
    public int ActivationCount => runtime.Directory.Count;

    public IReadOnlyDictionary<string, int> GetActivationCountsByType() =>
        runtime.Directory.Activations.GroupBy(a => a.GrainId.Type.Name).ToDictionary(g => g.Key, g => g.Count());

    public bool TryGetActivation(IAddressable grain, [NotNullWhen(true)] out IGrainContext? activation)
    {
        if (runtime.Directory.TryGet(grain.GetGrainId(), out var found) && found.State == Runtime.Activation.ActivationState.Valid)
        {
            activation = found;
            return true;
        }

        activation = null;
        return false;
    }

    public Task DeactivateAsync(IAddressable grain, CancellationToken cancellationToken = default)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "Deactivated through ISiloDiagnostics.");
        return Task.WhenAll(runtime.Directory.ActivationsOf(grain.GetGrainId()).Select(a => a.DeactivateAsync(reason))).WaitAsync(cancellationToken);
    }

    public Task WaitForDeactivationAsync(IAddressable grain, CancellationToken cancellationToken = default) =>
        Task.WhenAll(runtime.Directory.ActivationsOf(grain.GetGrainId()).Select(a => a.Deactivated)).WaitAsync(cancellationToken);

    public Task CollectIdleActivationsAsync(CancellationToken cancellationToken = default) => runtime.Collector.CollectAsync().WaitAsync(cancellationToken);

    public Task DeactivateAllAsync(CancellationToken cancellationToken = default) => runtime.DeactivateAllAsync(cancellationToken);
}
