using Flattr.Wallets;

namespace Flattr.Clicks;

internal enum ClickOperation
{
    Add,
    Withdraw,
}

internal readonly record struct ClickKey(long GiverId, long ThingId, Month Month);

/// <summary>A queued write and the caller's completion, which runs its continuation off the writer loop.</summary>
internal sealed class PendingClick(ClickOperation operation, ClickKey key, bool anonymous, ClickSource source)
{
    public ClickOperation Operation { get; } = operation;

    public ClickKey Key { get; } = key;

    public bool Anonymous { get; } = anonymous;

    public ClickSource Source { get; } = source;

    public TaskCompletionSource<ClickWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The trace of the call that queued this write, which the batch's span continues (<see cref="ClickBatchTrace"/>).</summary>
    public System.Diagnostics.ActivityContext Caller { get; } = System.Diagnostics.Activity.Current?.Context ?? default;

    /// <summary>The database's verdict, staged until the batch commits.</summary>
    public ClickWriteResult? Result { get; set; }
}

/// <summary>
/// One group-commit batch. A key appears once per batch: a repeat of the same operation is answered from
/// the first one's outcome (a second add of a click added in this batch is a duplicate); the opposite
/// operation on a key already in the batch starts the next batch, so writes on one key keep their order.
/// </summary>
internal sealed class ClickBatch
{
    readonly Dictionary<ClickKey, PendingClick> _firstByKey = [];
    readonly List<(PendingClick Follower, PendingClick First)> _followers = [];

    public List<PendingClick> Adds { get; } = [];

    public List<PendingClick> Withdrawals { get; } = [];

    public int Count => Adds.Count + Withdrawals.Count + _followers.Count;

    public IEnumerable<Month> Months => _firstByKey.Keys.Select(k => k.Month).Distinct();

    public IEnumerable<PendingClick> All => Adds.Concat(Withdrawals).Concat(_followers.Select(f => f.Follower));

    public bool TryAdd(PendingClick pending)
    {
        if (_firstByKey.TryGetValue(pending.Key, out var first))
        {
            if (first.Operation != pending.Operation)
            {
                return false;
            }

            _followers.Add((pending, first));
            return true;
        }

        _firstByKey.Add(pending.Key, pending);
        (pending.Operation == ClickOperation.Add ? Adds : Withdrawals).Add(pending);
        return true;
    }

    public void CompleteAll()
    {
        foreach (var pending in Adds.Concat(Withdrawals))
        {
            pending.Completion.TrySetResult(pending.Result!);
        }

        foreach (var (follower, first) in _followers)
        {
            var outcome = first.Result!;
            follower.Completion.TrySetResult(outcome.Status switch
            {
                ClickWriteStatus.Added => new ClickWriteResult(ClickWriteStatus.Duplicate, null),
                ClickWriteStatus.Withdrawn => new ClickWriteResult(ClickWriteStatus.NotClicked, null),
                _ => outcome,
            });
        }
    }

    public void Clear()
    {
        _firstByKey.Clear();
        _followers.Clear();
        Adds.Clear();
        Withdrawals.Clear();
    }
}
