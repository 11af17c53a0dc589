namespace Silo.Runtime.Scheduling;

/// <summary>One grain in a chain of awaiting calls: <paramref name="Target"/> runs <paramref name="Item"/>, which made the next call.</summary>
sealed record CallChainLink(MessageTarget Target, WorkItem Item, CallChainLink? Previous);

/// <summary>The chain of calls the current code runs in. Flows with the execution context into outgoing calls.</summary>
static class CallChain
{
    static readonly AsyncLocal<CallChainLink?> s_current = new();

    public static CallChainLink? Current => s_current.Value;

    public static void Enter(MessageTarget target, WorkItem item) => s_current.Value = new(target, item, item.CallerChain);

    /// <summary>Starts a fresh chain for calls that nobody awaits from a grain (reminder ticks).</summary>
    public static void Clear()
    {
        if (s_current.Value is not null)
        {
            s_current.Value = null;
        }
    }

    /// <summary>The grains of the cycle that starts at <paramref name="from"/> and ends back at <paramref name="target"/>.</summary>
    public static IReadOnlyList<GrainId> Cycle(CallChainLink chain, CallChainLink from, GrainId target)
    {
        var ids = new List<GrainId> { target };
        for (var link = chain; link is not null; link = link.Previous)
        {
            ids.Add(link.Target.GrainId);
            if (ReferenceEquals(link, from))
            {
                break;
            }
        }

        ids.Reverse();
        return ids;
    }
}
