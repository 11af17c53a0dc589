using Orleans;
using Orleans.Concurrency;

namespace Flattr.Settlement;

/// <summary>
/// The settlement of one month (key = "yyyy-MM"). Idempotent and resumable: a durable reminder drives it until done,
/// so a crash half-way resumes from the plan; settling a done month changes nothing. Months that have not ended (UTC) are
/// refused with <c>invalid_parameters</c>.
/// </summary>
[Alias("Flattr.ISettlementGrain")]
public interface ISettlementGrain : IGrainWithStringKey
{
    /// <summary>Registers the durable reminder that runs the settlement and returns at once.</summary>
    Task<SettlementProgressReport> Start();

    /// <summary>Runs the settlement to the end now (operator command) and returns the final report. Poll
    /// <see cref="GetProgress"/> meanwhile for progress.</summary>
    [ResponseTimeout("06:00:00")]
    Task<SettlementProgressReport> Run();

    /// <summary>Answers even while a run is in progress.</summary>
    [AlwaysInterleave]
    Task<SettlementProgressReport> GetProgress();
}
