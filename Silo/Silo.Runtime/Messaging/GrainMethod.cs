using System.Collections.Concurrent;
using System.Reflection;
using Silo.Concurrency;
using Silo.Runtime.Copying;
using Silo.Runtime.Identity;
using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Messaging;

/// <summary>
/// Everything the runtime needs to call one interface method, worked out once: a compiled invoker, how to read the
/// result, which arguments need copying, and the method's scheduling attributes.
/// </summary>
sealed class GrainMethod
{
    static readonly ConcurrentDictionary<MethodInfo, GrainMethod> s_methods = new();
    static readonly object s_completedValueTask = default(ValueTask);

    readonly Func<IResponseSink> _createResponse;

    GrainMethod(MethodInfo method)
    {
        if (GrainInterfaceValidator.ValidateMethod(method) is { } error)
        {
            throw new InvalidOperationException(error);
        }

        Method = method;
        InterfaceType = method.DeclaringType!;
        FullName = $"{InterfaceType.Name}.{method.Name}";
        (ReturnKind, ResultType) = GrainInterfaceValidator.Classify(method.ReturnType)!.Value;
        IsOneWay = method.IsDefined(typeof(OneWayAttribute));
        ResponseTimeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        Kind = method.IsDefined(typeof(AlwaysInterleaveAttribute)) ? InvokeKind.Interleave
            : method.IsDefined(typeof(ReadOnlyAttribute)) ? InvokeKind.ReadOnly
            : InvokeKind.Exclusive;

        Invoker = GrainMethodCompiler.CompileInvoker(method, ReturnKind);
        ResultGetter = ResultType is null ? null : GrainMethodCompiler.ResultGetter(ResultType);
        _createResponse = GrainMethodCompiler.ResponseFactory(ResultType ?? typeof(object));

        var parameters = method.GetParameters();
        ArgumentNeedsCopy = [.. parameters.Select(p => !TypeImmutability.IsImmutableDeclaredType(p.ParameterType))];
        AnyArgumentNeedsCopy = ArgumentNeedsCopy.Contains(true);
        ResultNeedsCopy = ResultType is not null && !TypeImmutability.IsImmutableDeclaredType(ResultType);
        CompletedReturnValue = ReturnKind == ReturnKind.ValueTask ? s_completedValueTask : Task.CompletedTask;
    }

    public MethodInfo Method { get; }

    public Type InterfaceType { get; }

    public string Name => Method.Name;

    /// <summary>Interface and method, for messages and logs.</summary>
    public string FullName { get; }

    public ReturnKind ReturnKind { get; }

    /// <summary>Null when the method returns Task or ValueTask.</summary>
    public Type? ResultType { get; }

    public InvokeKind Kind { get; }

    public bool IsOneWay { get; }

    public TimeSpan? ResponseTimeout { get; }

    /// <summary>Calls the method on a target object with an argument array; ValueTasks come back as Tasks.</summary>
    public Func<object, object?[], Task> Invoker { get; }

    /// <summary>Reads the (boxed) result of a completed task from <see cref="Invoker"/>; null when there is no result.</summary>
    public Func<Task, object?>? ResultGetter { get; }

    public bool[] ArgumentNeedsCopy { get; }

    public bool AnyArgumentNeedsCopy { get; }

    public bool ResultNeedsCopy { get; }

    /// <summary>What a [OneWay] call returns at once.</summary>
    public object CompletedReturnValue { get; }

    public static GrainMethod For(MethodInfo method) =>
        s_methods.TryGetValue(method, out var known) ? known : s_methods.GetOrAdd(method, static m => new GrainMethod(m));

    public IResponseSink CreateResponse() => _createResponse();

    public object? GetResult(Task completed) => ResultGetter?.Invoke(completed);

    public override string ToString() => FullName;
}
