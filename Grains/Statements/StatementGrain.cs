using System.Collections.Immutable;
using Flattr.Ledger;
using Flattr.Things;
using Flattr.Wallets;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Statements;

/// <summary>
/// A user's monthly statements, read from the ledger and named with the things' titles. Every line is one ledger entry, so a
/// statement's total cannot disagree with its lines nor with the ledger. Holds no state, so several local activations
/// ([StatelessWorker]) may serve one user's statements side by side.
/// </summary>
[StatelessWorker(2)]
public sealed class StatementGrain(LedgerStore ledger, StatementLedger entries, WalletStore wallets, ThingStore things, TimeProvider time)
    : Grain, IStatementGrain
{
    long UserId => this.GetPrimaryKeyLong();

    public async Task<GiverStatement?> GetGiverStatement(Month month)
    {
        if (!await ExistsAsync(month))
        {
            return null;
        }

        var means = await wallets.LoadAsync(UserId, month, CancellationToken.None);
        var recorded = await entries.GetGiverMonthEntriesAsync(UserId, month, CancellationToken.None);
        var named = await NamesAsync(recorded.Entries.Where(e => e.ThingId != 0).Select(e => e.ThingId));
        var lines = recorded.Entries.Select(e => Line(e, named)).ToList();
        if (recorded.KeptCents > 0)
        {
            lines.Add(new GiverStatementLine(GiverStatementLineKind.KeptForNextMonth, 0, string.Empty, string.Empty, 0, string.Empty, 0));
        }

        return new GiverStatement(UserId, month, Status(means, month), means.BudgetCents, recorded.KeptCents,
            [.. lines.OrderBy(l => l.Kind).ThenBy(l => l.ThingId).ThenBy(l => l.DepositedAt)]);
    }

    public async Task<CreatorStatement?> GetCreatorStatement(Month month)
    {
        if (!await ExistsAsync(month))
        {
            return null;
        }

        var means = await wallets.LoadAsync(UserId, month, CancellationToken.None);
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
        return new CreatorStatement(UserId, month, Status(means, month), lines);
    }

    /// <summary>A statement exists from the month the account was opened up to the current month.</summary>
    async Task<bool> ExistsAsync(Month month)
    {
        var opened = await entries.GetOpenedAtAsync(UserId, CancellationToken.None)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"There is no user {UserId}.");
        return month >= Month.Of(opened) && month <= Month.Current(time);
    }

    static GiverStatementLine Line(GiverMonthEntry entry, Dictionary<long, ThingInfo> named) =>
        named.TryGetValue(entry.ThingId, out var thing)
            ? new GiverStatementLine(entry.Kind, entry.ThingId, thing.Title, thing.Url, entry.OwnerId, thing.OwnerUsername, entry.AmountCents)
            : new GiverStatementLine(entry.Kind, entry.ThingId, string.Empty, string.Empty, entry.OwnerId, string.Empty, entry.AmountCents,
                entry.DepositCents, entry.DepositedAt);

    async Task<Dictionary<long, ThingInfo>> NamesAsync(IEnumerable<long> thingIds) =>
        (await things.GetManyAsync(thingIds.Distinct().ToArray(), CancellationToken.None)).ToDictionary(t => t.Id);

    MonthStatus Status(GiverMeans means, Month month) =>
        means.StoredStatus == MonthStatus.Open && month < Month.Current(time) ? MonthStatus.Ended : means.StoredStatus;
}
