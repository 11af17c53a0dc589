namespace Silo.Concurrency;

/// <summary>Declares a message type immutable, so the runtime passes it by reference instead of copying it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
