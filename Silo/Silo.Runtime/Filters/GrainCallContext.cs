using System.Reflection;
using Silo.Filters;
using Silo.Runtime.Messaging;

namespace Silo.Runtime.Filters;

/// <summary>
/// One incoming call on its way through the filter pipeline: the silo's filters in registration order, then the grain
/// itself if it is a filter, then the method. Runs inside the grain's turn.
/// </summary>
sealed class GrainCallContext(Grain grain, GrainRequest request, IIncomingGrainCallFilter[] filters, IIncomingGrainCallFilter? grainFilter)
    : IGrainCallContext
{
    int _nextFilter;
    bool _grainFilterCalled;

    public GrainId TargetId => request.Target;

    public GrainId? SourceId => request.CallerChain?.Target.GrainId;

    public object Grain => grain;

    public Type InterfaceType => request.Method.InterfaceType;

    public MethodInfo InterfaceMethod => request.Method.Method;

    public string MethodName => request.Method.Name;

    public IReadOnlyList<object?> Arguments => request.Arguments;

    public object? Result { get; set; }

    public Task Invoke()
    {
        if (_nextFilter < filters.Length)
        {
            return filters[_nextFilter++].Invoke(this);
        }

        if (grainFilter is not null && !_grainFilterCalled)
        {
            _grainFilterCalled = true;
            return grainFilter.Invoke(this);
        }

        return InvokeMethodAsync();
    }

    async Task InvokeMethodAsync()
    {
        var task = request.Method.Invoker(grain, request.Arguments);
        await task;
        Result = request.Method.GetResult(task);
    }
}
