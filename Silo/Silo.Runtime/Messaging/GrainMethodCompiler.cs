using System.Linq.Expressions;
using System.Reflection;

namespace Silo.Runtime.Messaging;

/// <summary>Builds the delegates behind <see cref="GrainMethod"/>, so that a call costs no reflection.</summary>
static class GrainMethodCompiler
{
    static readonly MethodInfo s_getResult = typeof(GrainMethodCompiler).GetMethod(nameof(GetResult), BindingFlags.NonPublic | BindingFlags.Static)!;
    static readonly MethodInfo s_createResponse = typeof(GrainMethodCompiler).GetMethod(nameof(CreateResponse), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary><c>(target, args) =&gt; ((IFoo)target).Method((T0)args[0], …)</c>, with ValueTasks turned into Tasks.</summary>
    public static Func<object, object?[], Task> CompileInvoker(MethodInfo method, ReturnKind kind)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var args = Expression.Parameter(typeof(object[]), "args");
        var arguments = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(target, method.DeclaringType!), method, arguments);
        if (kind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT)
        {
            call = Expression.Call(call, call.Type.GetMethod(nameof(ValueTask.AsTask), Type.EmptyTypes)!);
        }

        if (call.Type != typeof(Task))
        {
            call = Expression.Convert(call, typeof(Task));
        }

        return Expression.Lambda<Func<object, object?[], Task>>(call, target, args).Compile();
    }

    public static Func<Task, object?> ResultGetter(Type resultType) =>
        s_getResult.MakeGenericMethod(resultType).CreateDelegate<Func<Task, object?>>();

    public static Func<IResponseSink> ResponseFactory(Type resultType) =>
        s_createResponse.MakeGenericMethod(resultType).CreateDelegate<Func<IResponseSink>>();

    static object? GetResult<T>(Task completed) => ((Task<T>)completed).Result;

    static IResponseSink CreateResponse<T>() => new ResponseSink<T>();
}
