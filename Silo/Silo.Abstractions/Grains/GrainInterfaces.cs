namespace Silo;

/// <summary>Anything that can be addressed by the runtime: grains and observers.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces. Every method must return <see cref="Task"/>, <see cref="Task{T}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>.</summary>
public interface IGrain : IAddressable;

public interface IGrainWithStringKey : IGrain;

public interface IGrainWithGuidKey : IGrain;

public interface IGrainWithIntegerKey : IGrain;

public interface IGrainWithGuidCompoundKey : IGrain;

public interface IGrainWithIntegerCompoundKey : IGrain;
