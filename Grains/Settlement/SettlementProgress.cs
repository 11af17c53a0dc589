namespace Flattr.Settlement;

public enum SettlementStatus
{
    /// <summary>No plan yet: the month is open (or was never used).</summary>
    NotPlanned,

    /// <summary>Planned: the month is closed for clicks and every giver's spend is fixed; no batch has run.</summary>
    Planned,

    /// <summary>Batches are being (or were, before a crash) written.</summary>
    Running,

    /// <summary>Every giver is settled and the month is settled.</summary>
    Done,
}

/// <summary>How far the settlement of a month has come.</summary>
public sealed record SettlementProgress(
    Month Month,
    SettlementStatus Status,
    int Givers,
    int GiversDone,
    long Clicks,
    long PlannedSpendCents,
    long SettledSpendCents,
    DateTimeOffset? PlannedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A batch just committed by a settlement run (passed to the between-batches hook).</summary>
public sealed record SettlementBatchCommitted(Month Month, int BatchNumber, int Givers, long FirstGiverId, long LastGiverId);
