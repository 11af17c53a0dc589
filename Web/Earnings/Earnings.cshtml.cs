using System.Globalization;
using Flattr.Payouts;
using Flattr.Web.Accounts;
using Flattr.Web.Earnings.Localization;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Earnings;

/// <summary>
/// A creator's earnings: what may be paid out, the open month's expected income, settled income per month and thing, the
/// payouts; the bank account payouts go to (changed only with the password again; the IBAN is shown masked) and a payout form.
/// </summary>
[Authorize]
public sealed class EarningsModel(IGrainFactory grains, PasswordChecker passwords, TimeProvider time) : PageModel
{
    public static EarningsTexts Texts => EarningsTexts.Current;

    public Flattr.Payouts.Earnings Earnings { get; private set; } = null!;

    public Month CurrentMonth => Month.Current(time);

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public async Task OnGetAsync() => Earnings = await grains.GetPayouts(User.RequiredUserId()).GetEarnings();

    public async Task<IActionResult> OnPostAccountAsync(string? iban, string? holder, string? password, CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var credentials = await grains.GetUser(userId).GetCredentials();
        var checkedPassword = credentials.PasswordHash is null || string.IsNullOrEmpty(password)
            ? PasswordVerificationResult.Failed
            : await passwords.VerifyAsync(credentials.PasswordHash, password, cancellationToken);
        if (checkedPassword == PasswordVerificationResult.Failed)
        {
            return Done(Texts.PasswordWrong, error: true);
        }

        if (string.IsNullOrWhiteSpace(holder) || holder.Trim().Length > 140)
        {
            return Done(Texts.HolderInvalid, error: true);
        }

        try
        {
            var account = await grains.GetPayouts(userId).SetAccount(iban ?? string.Empty, holder);
            return Done(Format(Texts.AccountSaved, account.MaskedIban), error: false);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.InvalidParameters)
        {
            return Done(Texts.IbanInvalid, error: true);
        }
    }

    public async Task<IActionResult> OnPostPayoutAsync(string? amount)
    {
        long? cents = null;
        if (!string.IsNullOrWhiteSpace(amount))
        {
            cents = Giver.Money.ParseEuros(amount);
            if (cents is null)
            {
                return Done(Texts.AmountInvalid, error: true);
            }
        }

        var payouts = grains.GetPayouts(User.RequiredUserId());
        try
        {
            var payout = await payouts.Request(cents);
            return Done(Format(Texts.PayoutRequested, Formats.Money(payout.AmountCents), payout.MaskedIban), error: false);
        }
        catch (FlattrException e)
        {
            var earnings = await payouts.GetEarnings();
            var explained = e.Code switch
            {
                FlattrErrors.Conflict when earnings.SettlingMonth is { } month =>
                    Format(Texts.PayoutSettling, month, SettlementWaitMinutes(earnings)),
                FlattrErrors.InvalidParameters when earnings.Account is null => Texts.PayoutNeedsAccount,
                FlattrErrors.InvalidParameters => Format(Texts.PayoutBelowMinimum, Formats.Money(earnings.MinimumPayoutCents)),
                FlattrErrors.NoMeans => Format(Texts.PayoutNoMeans, Formats.Money(earnings.AvailableCents), Formats.Money(earnings.MinimumPayoutCents)),
                _ => e.Message,
            };
            return Done(explained, error: true);
        }
    }

    /// <summary>Whole minutes until the settling month is likely done (at least one).</summary>
    public static int SettlementWaitMinutes(Flattr.Payouts.Earnings earnings)
    {
        ArgumentNullException.ThrowIfNull(earnings);
        return Math.Max(1, (int)Math.Ceiling((earnings.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes));
    }

    static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    RedirectToPageResult Done(string notice, bool error)
    {
        Notice = notice;
        NoticeIsError = error;
        return RedirectToPage();
    }
}
