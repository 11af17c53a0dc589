using System.Reflection;
using Silo.Hosting;
using Silo.Runtime.Activation;
using Silo.Runtime.Copying;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Identity;
using Silo.Runtime.References;
using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Messaging;

/// <summary>
/// Sends calls from references to their targets: isolates the arguments, arms the response timeout, finds or creates
/// the activation and queues the request; and delivers results back.
/// </summary>
sealed class GrainCallDispatcher(SiloRuntime runtime)
{
    /// <summary>The body of every proxy method.</summary>
    public object Invoke(GrainReference reference, MethodInfo interfaceMethod, object?[]? arguments)
    {
        var method = GrainMethod.For(interfaceMethod);
        var args = arguments ?? [];
        var response = method.IsOneWay ? null : method.CreateResponse();
        try
        {
            if (method.AnyArgumentNeedsCopy)
            {
                DeepCopier.CopyArguments(method, args);
            }
        }
        catch (Exception e) when (response is not null)
        {
            response.Fail(e);
            return response.ToReturnValue(method.ReturnKind);
        }

        // Nobody waits for a one-way call, so it cannot be part of a waiting cycle: it starts a chain of its own.
        var chain = method.IsOneWay ? null : CallChain.Current;
        var request = new GrainRequest(this, reference.GrainId, method, args, chain, RequestContext.Export(), response);
        Dispatch(request, reference);

        // Armed after dispatch: a call that completed inline needs no timer at all.
        if (response is { IsCompleted: false })
        {
            response.ArmTimeout(runtime.TimeProvider, method.ResponseTimeout ?? runtime.Options.ResponseTimeout, request);
        }

        return response is null ? method.CompletedReturnValue : response.ToReturnValue(method.ReturnKind);
    }

    /// <summary>Sends a request that arrived while its activation was deactivating to a fresh activation.</summary>
    public void Redispatch(WorkItem item)
    {
        if (item is GrainRequest request)
        {
            Dispatch(request, reference: null);
        }
        else
        {
            item.Reject(new InvalidOperationException("The activation deactivated."));
        }
    }

    public void Complete(GrainRequest request, GrainType grainType, object? result, Exception? failure)
    {
        runtime.Metrics.CallCompleted(grainType, request.StartTimestamp, failure is not null);
        if (failure is null)
        {
            request.Response?.Complete(result);
        }
        else if (request.Response is { } response)
        {
            SiloLog.CallFailed(runtime.Logger, failure, request.ToString());
            response.Fail(failure);
        }
        else
        {
            OneWayFailed(request, failure);
        }
    }

    public void OneWayFailed(GrainRequest request, Exception exception) => SiloLog.OneWayCallFailed(runtime.Logger, exception, request.ToString());

    static bool TryEnqueue(ActivationData activation, GrainRequest request)
    {
        ActivationTaskScheduler.BeginInline();
        try
        {
            return activation.TryEnqueue(request);
        }
        finally
        {
            ActivationTaskScheduler.EndInline();
        }
    }

    void Dispatch(GrainRequest request, GrainReference? reference)
    {
        try
        {
            if (request.Target.Type == GrainTypeNames.Observer)
            {
                runtime.Observers.Dispatch(request);
                return;
            }

            if (reference?.CachedActivation is { } cached && TryEnqueue(cached, request))
            {
                return;
            }

            while (true)
            {
                var activation = runtime.Directory.GetOrAdd(request.Target);
                if (TryEnqueue(activation, request))
                {
                    if (activation.WorkerPool is null)
                    {
                        reference?.CachedActivation = activation;
                    }

                    return;
                }

                runtime.Directory.Remove(activation);
            }
        }
#pragma warning disable CA1031 // Whatever prevents delivery goes back to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            request.Reject(e);
        }
    }
}
