namespace Flattr.Settlement;

/// <summary>Settlement tuning (configuration section <c>Flattr:Settlement</c>).</summary>
public sealed class SettlementOptions
{
    public const string SectionName = "Flattr:Settlement";

    /// <summary>
    /// Givers settled per database transaction. Every batch locks and moves the balance of each creator it pays, so small
    /// batches pay the same creators' accounts over and over: 100,000 givers settle in about half the time with 5,000 per
    /// batch as with 1,000, and larger batches gain nothing more (measured by Tests/Flattr.Settlement.Load).
    /// </summary>
    public int GiversPerBatch { get; set; } = 5_000;
}
