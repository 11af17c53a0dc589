using System.Collections.Immutable;
using System.Globalization;
using Flattr.Live;
using Flattr.Things;
using Flattr.Web.Accounts;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Creator;

/// <summary>The creator's dashboard: expected income, a live ticker of clicks arriving, monthly and daily charts and their things.</summary>
[Authorize]
public sealed class DashboardModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    const int ChartMonths = 12;

    public long CreatorId { get; private set; }

    public CreatorIncome Income { get; private set; } = null!;

    public ThingPage Things { get; private set; } = new([], 0, 1, 100);

    /// <summary>Months (oldest first) with settled income and clicks, the current month as expected so far.</summary>
    public ImmutableArray<MonthPoint> History { get; private set; } = [];

    public sealed record MonthPoint(Month Month, long Clicks, long IncomeCents, bool Settled);

    /// <summary>The monthly chart's points, "label|clicks|cents;…", each label the month in the reader's culture ("Dec 26").</summary>
    public string HistoryData => string.Join(';', History.Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"{Formats.ShortMonth(p.Month)}|{p.Clicks}|{p.IncomeCents}")));

    /// <summary>This month's days so far (oldest first): clicks made each day and what they add to the expected income.</summary>
    public ImmutableArray<CreatorDay> Days { get; private set; } = [];

    /// <summary>The daily chart's points, "yyyy-MM-dd|clicks|cents;…" (the chart labels each with its day of the month).</summary>
    public string DaysData => string.Join(';', Days.Select(d =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Day:yyyy-MM-dd}|{d.Clicks}|{d.ExpectedIncomeCents}")));

    public async Task OnGetAsync()
    {
        CreatorId = User.RequiredUserId();
        Income = await grains.GetCreator(CreatorId).GetIncome();
        Things = await grains.GetThingRegistry().ListByOwner(CreatorId, includeHidden: true, 1, 100);

        var now = Month.Current(time);
        var statements = grains.GetStatements(CreatorId);
        var months = Enumerable.Range(1, ChartMonths - 1).Select(i => now.AddMonths(-(ChartMonths - i))).ToList();
        var points = new List<MonthPoint>(ChartMonths);
        foreach (var month in months)
        {
            // Months before the account was opened have no statement and no point.
            if (await statements.GetCreatorStatement(month) is not { } statement)
            {
                continue;
            }

            points.Add(new MonthPoint(month, statement.Lines.Sum(l => (long)l.Givers), statement.TotalCents, Settled: true));
        }

        points.Add(new MonthPoint(now, Income.ClicksThisMonth, Income.ExpectedIncomeCents, Settled: false));
        History = [.. points];

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Days = [.. (await grains.GetCreator(CreatorId).GetDaily(now)).Where(d => d.Day <= today)];
    }
}
