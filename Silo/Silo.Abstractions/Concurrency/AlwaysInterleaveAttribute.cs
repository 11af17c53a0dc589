namespace Silo.Concurrency;

/// <summary>This interface method interleaves with every other request, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
