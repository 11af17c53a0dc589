using Orleans;

namespace Flattr.Settlement;

/// <summary>Runs the ledger audit (key <see cref="Singletons.Key"/>).</summary>
[Alias("Flattr.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    [ResponseTimeout("00:30:00")]
    Task<LedgerAuditReport> Run();
}
