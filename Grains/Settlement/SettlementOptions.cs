namespace Flattr.Settlement;

/// <summary>Settlement tuning (configuration section <c>Flattr:Settlement</c>).</summary>
public sealed class SettlementOptions
{
    public const string SectionName = "Flattr:Settlement";

    /// <summary>Givers settled per database transaction.</summary>
    public int GiversPerBatch { get; set; } = 1_000;
}
