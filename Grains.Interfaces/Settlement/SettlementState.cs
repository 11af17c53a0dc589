using Orleans;

namespace Flattr.Settlement;

[GenerateSerializer, Alias("Flattr.SettlementState")]
public enum SettlementState
{
    NotStarted,

    /// <summary>Closing the month and snapshotting each giver's spend.</summary>
    Planning,

    /// <summary>Moving money, batch by batch.</summary>
    Running,
    Done,

    /// <summary>The last attempt failed (see <see cref="SettlementProgressReport.Error"/>); the durable reminder retries it.</summary>
    Failed,
}
