using Orleans;
using Orleans.Concurrency;

namespace Flattr.Statements;

/// <summary>A user's monthly statements (key = user id), read from the ledger.</summary>
[Alias("Flattr.IStatementGrain")]
public interface IStatementGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<GiverStatement> GetGiverStatement(Month month);

    [ReadOnly]
    Task<CreatorStatement> GetCreatorStatement(Month month);
}
