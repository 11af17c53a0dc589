namespace Silo.Concurrency;

/// <summary>Fire and forget: the caller's task completes at once; exceptions are only logged.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
