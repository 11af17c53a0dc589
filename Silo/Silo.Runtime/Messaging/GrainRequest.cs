using System.Collections.Immutable;
using System.Diagnostics;
using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Messaging;

/// <summary>One call to a grain or observer: target, method, (already isolated) arguments, the caller's chain and request context.</summary>
sealed class GrainRequest(
    GrainCallDispatcher dispatcher,
    GrainId target,
    GrainMethod method,
    object?[] arguments,
    CallChainLink? callerChain,
    ImmutableDictionary<string, object>? requestContext,
    IResponseSink? response)
    : WorkItem(method.Kind, callerChain)
{
    public GrainCallDispatcher Dispatcher { get; } = dispatcher;

    public GrainId Target { get; } = target;

    public GrainMethod Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public ImmutableDictionary<string, object>? RequestContext { get; } = requestContext;

    /// <summary>Null for [OneWay] calls.</summary>
    public IResponseSink? Response { get; } = response;

    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public override bool IsAbandoned => Response is { IsCompleted: true };

    public override void Reject(Exception exception)
    {
        if (Response is { } response)
        {
            response.Fail(exception);
        }
        else
        {
            Dispatcher.OneWayFailed(this, exception);
        }
    }

    public override string ToString() => $"{Method.FullName} on {Target}";
}
