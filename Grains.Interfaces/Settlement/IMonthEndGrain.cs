using System.Collections.Immutable;
using Orleans;

namespace Flattr.Settlement;

/// <summary>
/// Watches the calendar (singleton, key <see cref="Singletons.Key"/>): a durable reminder (period from configuration
/// <c>Flattr:Settlement:MonthEndCheckPeriod</c>) checks, and once a month has ended (UTC) starts the settlement of every
/// ended, unsettled month with activity, oldest first.
/// </summary>
[Alias("Flattr.IMonthEndGrain")]
public interface IMonthEndGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent; the host calls it at start).</summary>
    Task Ensure();

    /// <summary>Checks now, as a reminder tick would; returns the months whose settlement it started or found running.</summary>
    Task<ImmutableArray<Month>> CheckNow();
}
