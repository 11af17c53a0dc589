using System.Collections.Immutable;
using Flattr.Live;
using Microsoft.AspNetCore.SignalR;

namespace Flattr.Web.Live;

/// <summary>The observer of one creator grain: pushes each click to the creator's ticker, batched under load.</summary>
sealed class CreatorWatch : ICreatorObserver
{
    /// <summary>A ticker shows the latest clicks; under a flood older ones in the same batch are dropped from the push (counts stay exact).</summary>
    const int MaximumBatch = 50;
    readonly Coalescer<ImmutableList<LiveFlattr>> _coalescer;

    readonly Func<Task> _resend;

    /// <param name="resend">Sends the creator's current figures and counts to every dashboard of this host (<see cref="LiveCreator"/>).</param>
    public CreatorWatch(long creatorId, IHubContext<LiveHub> hub, TimeSpan interval, TimeProvider time, Func<Task> resend)
    {
        CreatorId = creatorId;
        _resend = resend;
        var group = LiveGroups.Creator(creatorId);
        _coalescer = new(interval, time, batch => hub.Clients.Group(group).SendAsync(LiveMessages.Flattrs, batch), static () => []);
    }

    public long CreatorId { get; }

    public ICreatorObserver? Reference { get; set; }

    public Task OnFlattr(FlattrEvent flattr, CreatorIncome income)
    {
        ArgumentNullException.ThrowIfNull(flattr);
        ArgumentNullException.ThrowIfNull(income);
        var item = new LiveFlattr(
            flattr.Kind == FlattrEventKind.Flattr ? "flattr" : "withdrawal",
            flattr.ThingId,
            flattr.ThingTitle,
            flattr.Giver?.DisplayName,
            flattr.Giver?.Username,
            flattr.At,
            flattr.ThingMonthClicks,
            flattr.ThingTotalClicks,
            income.ExpectedIncomeCents,
            income.ClicksThisMonth,
            income.Givers);
        _coalescer.Add(batch => batch.Count >= MaximumBatch ? batch.RemoveAt(0).Add(item) : batch.Add(item));
        return Task.CompletedTask;
    }

    /// <summary>The grain read its figures again (a silo was lost): the dashboards get them whole, as on joining.</summary>
    public Task OnReconciled(CreatorIncome income) => _resend();
}
