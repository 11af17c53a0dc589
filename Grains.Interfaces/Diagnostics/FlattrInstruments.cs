using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flattr.Diagnostics;

/// <summary>
/// Flattr's own metrics and traces, in one place: the meter <see cref="MeterName"/> with every instrument the grains and the
/// web record on, and the activity source <see cref="ActivitySourceName"/> for work that leaves a request's flow (the click
/// writer's group commit). The hosts export both (Web/Operations/FlattrTelemetry, Silo/Hosting/SiloTelemetry). Names follow
/// OpenTelemetry's conventions: dotted, lower case, a unit per instrument; Prometheus shows them with underscores and the unit
/// as a suffix (flattr.clicks.accepted → flattr_clicks_accepted_total).
/// </summary>
public static class FlattrInstruments
{
    public const string MeterName = "Flattr";

    public const string ActivitySourceName = "Flattr";

    static readonly Meter s_meter = new(MeterName);

    public static ActivitySource Activities { get; } = new(ActivitySourceName);

    /// <summary>Givers' flattrs recorded (Grains/Wallets: the wallet's flattr, once its click committed).</summary>
    public static Counter<long> ClicksAccepted { get; } =
        s_meter.CreateCounter<long>("flattr.clicks.accepted", "{click}", "Flattrs recorded: their click committed.");

    /// <summary>Givers' flattrs refused, tagged <c>reason</c>: the Flattr error code (flattr_once, no_means, flattr_owner, month_closed, ...) or "error".</summary>
    public static Counter<long> ClicksRefused { get; } =
        s_meter.CreateCounter<long>("flattr.clicks.refused", "{click}", "Flattrs refused, by reason (Flattr error code).");

    /// <summary>Writes (clicks and withdrawals) in one group commit.</summary>
    public static Histogram<int> ClickBatchSize { get; } =
        s_meter.CreateHistogram<int>("flattr.click_batch.size", "{write}", "Writes (clicks and withdrawals) sharing one commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    /// <summary>From a click batch's first statement to its commit returning: what every click of the batch waited on the database.</summary>
    public static Histogram<double> ClickCommitDuration { get; } =
        s_meter.CreateHistogram<double>("flattr.click_batch.commit.duration", "s", "A click batch's transaction, statements to commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });

    /// <summary>Coalesced pushes to a SignalR group of browsers (Web/Live: a thing's count, a creator's flattrs, trending).</summary>
    public static Counter<long> LivePushes { get; } =
        s_meter.CreateCounter<long>("flattr.live.pushes", "{message}", "Live updates pushed to browsers.");

    /// <summary>Updates merged into a pending push instead of being sent on their own (Web/Live's coalescer).</summary>
    public static Counter<long> LiveCoalesced { get; } =
        s_meter.CreateCounter<long>("flattr.live.coalesced", "{update}", "Live updates merged into a pending push, not sent alone.");

    /// <summary>Deposits booked (a replayed webhook is not counted again), tagged <c>provider</c>.</summary>
    public static Counter<long> Deposits { get; } =
        s_meter.CreateCounter<long>("flattr.deposits", "{deposit}", "Deposits booked in the ledger.");

    /// <summary>The cents of the deposits booked, before the fee.</summary>
    public static Counter<long> DepositedCents { get; } =
        s_meter.CreateCounter<long>("flattr.deposits.amount", "{cent}", "Cents deposited (before fees).");

    /// <summary>Payouts at the ledger, tagged <c>status</c>: requested, paid, failed.</summary>
    public static Counter<long> Payouts { get; } =
        s_meter.CreateCounter<long>("flattr.payouts", "{payout}", "Payouts recorded by the ledger, by status.");

    /// <summary>The cents of those payouts, tagged <c>status</c>.</summary>
    public static Counter<long> PayoutCents { get; } =
        s_meter.CreateCounter<long>("flattr.payouts.amount", "{cent}", "Cents of payouts recorded by the ledger, by status.");

    /// <summary>Settlement batches committed (Grains/Settlement).</summary>
    public static Counter<long> SettlementBatches { get; } =
        s_meter.CreateCounter<long>("flattr.settlement.batches", "{batch}", "Settlement batches committed.");

    /// <summary>Givers whose month a settlement batch settled.</summary>
    public static Counter<long> SettlementGivers { get; } =
        s_meter.CreateCounter<long>("flattr.settlement.givers", "{giver}", "Givers settled by settlement batches.");

    /// <summary>Months whose settlement finished (status done).</summary>
    public static Counter<long> SettlementMonths { get; } =
        s_meter.CreateCounter<long>("flattr.settlement.months", "{month}", "Month settlements finished.");
}
