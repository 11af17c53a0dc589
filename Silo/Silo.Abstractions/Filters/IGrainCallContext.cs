using System.Reflection;

namespace Silo.Filters;

/// <summary>One grain call as seen by call filters. Filters run inside the target's turn.</summary>
public interface IGrainCallContext
{
    GrainId TargetId { get; }

    /// <summary>The calling grain, when the call comes from grain code.</summary>
    GrainId? SourceId { get; }

    object Grain { get; }

    Type InterfaceType { get; }

    MethodInfo InterfaceMethod { get; }

    string MethodName { get; }

    IReadOnlyList<object?> Arguments { get; }

    /// <summary>The method's result once <see cref="Invoke"/> has completed; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Continues with the next filter, or the grain method itself.</summary>
    Task Invoke();
}
