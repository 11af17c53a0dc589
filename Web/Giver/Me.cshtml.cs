using System.Collections.Immutable;
using Flattr.Subscriptions;
using Flattr.Users;
using Flattr.Wallets;
using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Giver;

/// <summary>The giver's month: budget, balance and top-up, this month's clicks (with undo), subscriptions, statements.</summary>
[Authorize]
public sealed class MeModel(IGrainFactory grains, TimeProvider time, IConfiguration configuration) : PageModel
{
    public MoneyLimits Limits { get; } = MoneyLimits.From(configuration);

    public static ImmutableArray<long> BudgetSteps { get; } = [200, 500, 1000, 2000, 5000, 10000];

    public GiverMonth Month { get; private set; } = null!;

    public BudgetSchedule Budget { get; private set; } = null!;

    public ImmutableArray<SubscriptionInfo> Subscriptions { get; private set; } = [];

    public ImmutableArray<Month> StatementMonths { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public async Task OnGetAsync()
    {
        var userId = User.RequiredUserId();
        var now = Flattr.Month.Current(time);
        Month = await grains.GetWallet(userId, now).GetMonth();
        Budget = await grains.GetUser(userId).GetBudget();
        Subscriptions = await grains.GetSubscriptions(userId).List();
        // No statement exists for a month before the account was opened.
        var opened = Flattr.Month.Of((await grains.GetUser(userId).GetProfile()).CreatedAt);
        StatementMonths = [.. Enumerable.Range(1, 6).Select(i => now.AddMonths(-i)).Where(m => m >= opened)];
    }

    public Task<IActionResult> OnPostBudgetAsync(long amountCents) =>
        Act(async userId =>
        {
            var change = await grains.GetUser(userId).SetBudget(amountCents);
            return string.Format(System.Globalization.CultureInfo.CurrentCulture,
                change.AppliesThisMonth ? Texts.Current.BudgetSetNow : Texts.Current.BudgetSetNext, Formats.Money(change.AmountCents), Formats.Month(change.EffectiveFrom));
        });

    public Task<IActionResult> OnPostPauseAsync() =>
        Act(async userId =>
        {
            var change = await grains.GetUser(userId).PauseBudget();
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Current.BudgetPaused, Formats.Month(change.EffectiveFrom));
        });

    public Task<IActionResult> OnPostTopUpAsync(string amount) =>
        Money.ParseEuros(amount) is not { } cents
            ? Task.FromResult(Refuse(Texts.Current.ErrorAmount))
            : Act(async userId =>
        {
            // The sandbox provider signs a "payment succeeded" webhook; it is booked through the same verification as a real one.
            var payments = grains.GetSandboxPayments();
            var webhook = await payments.CreateSandboxPayment(userId, cents);
            var receipt = await payments.ReceiveWebhook(webhook);
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Current.TopUpDone,
                Formats.Money(receipt.AmountCents), Formats.Money(receipt.FeeCents), Formats.Money(receipt.CreditedCents));
        });

    public Task<IActionResult> OnPostUndoAsync(long thingId) =>
        Act(async userId =>
        {
            await grains.WalletNow(userId, time).Withdraw(thingId);
            return Texts.Current.FlattrUndone;
        });

    public Task<IActionResult> OnPostPauseSubscriptionAsync(long thingId) =>
        Act(async userId =>
        {
            await grains.GetSubscriptions(userId).Pause(thingId);
            return Texts.Current.SubscriptionPausedNotice;
        });

    public Task<IActionResult> OnPostResumeSubscriptionAsync(long thingId) =>
        Act(async userId =>
        {
            await grains.GetSubscriptions(userId).Resume(thingId);
            return Texts.Current.SubscriptionResumedNotice;
        });

    public Task<IActionResult> OnPostCancelSubscriptionAsync(long thingId) =>
        Act(async userId =>
        {
            await grains.GetSubscriptions(userId).Cancel(thingId);
            return Texts.Current.SubscriptionCancelled;
        });

    IActionResult Refuse(string notice)
    {
        Notice = notice;
        NoticeIsError = true;
        return RedirectToPage();
    }

    async Task<IActionResult> Act(Func<long, Task<string>> action)
    {
        try
        {
            Notice = await action(User.RequiredUserId());
            NoticeIsError = false;
        }
        catch (FlattrException e)
        {
            // Every refusal in the reader's language: the rules' own codes and amounts, or a sentence the page wrote itself.
            Notice = Flattring.Explain(e);
            NoticeIsError = true;
        }

        return RedirectToPage();
    }
}
