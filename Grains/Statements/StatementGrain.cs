using System.Collections.Immutable;
using Flattr.Ledger;
using Flattr.Things;
using Flattr.Wallets;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Statements;

/// <summary>
/// A user's monthly statements, read from the ledger and named with the things' titles. Holds no state, so several
/// local activations ([StatelessWorker]) may serve one user's statements side by side.
/// </summary>
[StatelessWorker(2)]
public sealed class StatementGrain(LedgerStore ledger, WalletStore wallets, ThingStore things, TimeProvider time) : Grain, IStatementGrain
{
    long UserId => this.GetPrimaryKeyLong();

    public async Task<GiverStatement> GetGiverStatement(Month month)
    {
        var means = await RequireUserAsync(month);
        var recorded = await ledger.GetGiverMonthAsync(UserId, month, CancellationToken.None);
        var named = await NamesAsync(recorded.Shares.Select(s => s.ThingId));
        var lines = recorded.Shares
            .Select(s => named.TryGetValue(s.ThingId, out var thing)
                ? new GiverStatementLine(s.ThingId, thing.Title, thing.Url, s.OwnerId, thing.OwnerUsername, s.AmountCents)
                : new GiverStatementLine(s.ThingId, string.Empty, string.Empty, s.OwnerId, string.Empty, s.AmountCents))
            .OrderBy(l => l.ThingId)
            .ToImmutableArray();
        return new GiverStatement(UserId, month, Status(means, month), means.BudgetCents, recorded.SpentCents, recorded.CharityCents, lines);
    }

    public async Task<CreatorStatement> GetCreatorStatement(Month month)
    {
        var means = await RequireUserAsync(month);
        var recorded = await ledger.GetCreatorMonthAsync(UserId, month, CancellationToken.None);
        var named = await NamesAsync(recorded.Things.Select(t => t.ThingId));
        var lines = recorded.Things
            .Select(t => new CreatorStatementLine(
                t.ThingId,
                named.TryGetValue(t.ThingId, out var thing) ? thing.Title : string.Empty,
                thing?.Url ?? string.Empty,
                t.Givers,
                t.AmountCents))
            .OrderByDescending(l => l.AmountCents)
            .ThenBy(l => l.ThingId)
            .ToImmutableArray();
        return new CreatorStatement(UserId, month, Status(means, month), recorded.ReceivedCents, lines);
    }

    async Task<GiverMeans> RequireUserAsync(Month month)
    {
        var means = await wallets.LoadAsync(UserId, month, CancellationToken.None);
        return means.Giver is null ? throw new FlattrException(FlattrErrors.NotFound, $"There is no user {UserId}.") : means;
    }

    async Task<Dictionary<long, ThingInfo>> NamesAsync(IEnumerable<long> thingIds) =>
        (await things.GetManyAsync(thingIds.Distinct().ToArray(), CancellationToken.None)).ToDictionary(t => t.Id);

    MonthStatus Status(GiverMeans means, Month month) =>
        means.StoredStatus == MonthStatus.Open && month < Month.Current(time) ? MonthStatus.Ended : means.StoredStatus;
}
