namespace Silo.Runtime.Messaging;

/// <summary>The caller's side of one call. Continuations run asynchronously so caller code never runs inside the callee's turn.</summary>
sealed class ResponseSink<T>() : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IResponseSink
{
    static readonly TimerCallback s_timedOut = static state => ((ResponseSink<T>)state!).TimedOut();

    ITimer? _timer;
    GrainRequest? _request;
    TimeSpan _timeout;

    public bool IsCompleted => Task.IsCompleted;

    public void Complete(object? result)
    {
        var value = result switch
        {
            T typed => typed,
            null => default!,
            _ => throw new InvalidCastException($"The result {result.GetType()} is not the {typeof(T)} the method returns."),
        };

        if (TrySetResult(value))
        {
            Disarm();
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            Disarm();
        }
    }

    public object ToReturnValue(ReturnKind kind) => kind switch
    {
        ReturnKind.ValueTask => new ValueTask(Task),
        ReturnKind.ValueTaskOfT => new ValueTask<T>(Task),
        _ => Task,
    };

    public void ArmTimeout(TimeProvider timeProvider, TimeSpan timeout, GrainRequest request)
    {
        _request = request;
        _timeout = timeout;
        Interlocked.Exchange(ref _timer, timeProvider.CreateTimer(s_timedOut, this, timeout, Timeout.InfiniteTimeSpan));

        // The response may have arrived while the timer was being made; Disarm then missed it.
        if (Task.IsCompleted)
        {
            Disarm();
        }
    }

    void TimedOut()
    {
        var request = _request;
        var target = request is null ? "a grain" : $"{request.Method.FullName} on {request.Target}";
        if (TrySetException(new TimeoutException($"Response did not arrive on time in {_timeout} for {target}.")))
        {
            _timer?.Dispose();
        }
    }

    void Disarm()
    {
        Volatile.Read(ref _timer)?.Dispose();
        _request = null;
    }
}
