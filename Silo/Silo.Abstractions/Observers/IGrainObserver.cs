namespace Silo;

/// <summary>Marker for observer interfaces: objects outside grains that grains call back (best effort, not durable).</summary>
public interface IGrainObserver : IAddressable;
