namespace Silo.Runtime.Messaging;

/// <summary>Where the response to one call goes: completes the caller's task, or fails it on timeout.</summary>
interface IResponseSink
{
    bool IsCompleted { get; }

    void Complete(object? result);

    void Fail(Exception exception);

    /// <summary>The value the proxy returns to the caller: a Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; over this response.</summary>
    object ToReturnValue(ReturnKind kind);

    void ArmTimeout(TimeProvider timeProvider, TimeSpan timeout, GrainRequest request);
}
