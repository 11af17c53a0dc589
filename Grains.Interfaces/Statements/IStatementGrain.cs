using Orleans;
using Orleans.Concurrency;

namespace Flattr.Statements;

/// <summary>
/// A user's monthly statements (key = user id), read from the ledger. A month before the user's account was opened, or after
/// the current month, has no statement: the methods answer null (<c>not_found</c> for an unknown user).
/// </summary>
[Alias("Flattr.IStatementGrain")]
public interface IStatementGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<GiverStatement?> GetGiverStatement(Month month);

    [ReadOnly]
    Task<CreatorStatement?> GetCreatorStatement(Month month);
}
