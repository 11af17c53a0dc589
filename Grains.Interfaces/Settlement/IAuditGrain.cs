using Silo;

namespace Flattr.Settlement;

/// <summary>Runs the ledger audit (key <see cref="Singletons.Key"/>).</summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    [Silo.Concurrency.ResponseTimeout("00:30:00")]
    Task<LedgerAuditReport> Run();
}
