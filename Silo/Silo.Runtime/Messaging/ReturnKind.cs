namespace Silo.Runtime.Messaging;

/// <summary>The four shapes a grain method may return.</summary>
enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
