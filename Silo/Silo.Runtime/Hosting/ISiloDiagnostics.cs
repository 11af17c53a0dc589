using System.Diagnostics.CodeAnalysis;

namespace Silo.Hosting;

/// <summary>
/// What operators and tests can see and do with the activations of this silo (in the manner of Orleans' management
/// grain and TestCluster helpers), so that tests can be deterministic.
/// </summary>
public interface ISiloDiagnostics
{
    /// <summary>Activations currently in the directory, in any state.</summary>
    int ActivationCount { get; }

    /// <summary>Activation counts per grain type name.</summary>
    IReadOnlyDictionary<string, int> GetActivationCountsByType();

    /// <summary>The grain's activation if it has one that has finished activating and is not deactivating.</summary>
    bool TryGetActivation(IAddressable grain, [NotNullWhen(true)] out IGrainContext? activation);

    /// <summary>Deactivates the grain's activation, if any, and completes once it is gone (OnDeactivateAsync has run).</summary>
    Task DeactivateAsync(IAddressable grain, CancellationToken cancellationToken = default);

    /// <summary>Completes once the grain has no activation (now, or when the current one finishes deactivating).</summary>
    Task WaitForDeactivationAsync(IAddressable grain, CancellationToken cancellationToken = default);

    /// <summary>Runs one collection pass now, with the current time, and completes when the idle activations it found are gone.</summary>
    Task CollectIdleActivationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deactivates every activation, as a graceful shutdown does.</summary>
    Task DeactivateAllAsync(CancellationToken cancellationToken = default);
}
