using System.Globalization;
using Flattr.Payouts;

namespace Flattr.Web.Earnings.Localization;

/// <summary>
/// The words of the earnings page (income, payout account, payouts) in the interface languages; the request's UI culture
/// (set by request localization) picks them. Sentences with <c>{0}</c> are composite formats.
/// </summary>
public sealed partial record EarningsTexts
{
    public static EarningsTexts Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "fr" => French,
        "de" => German,
        _ => English,
    };

    public required string AccountSaved { get; init; }
    public required string AmountHint { get; init; }
    public required string AmountInvalid { get; init; }
    public required string AmountLabel { get; init; }
    public required string Available { get; init; }
    public required string AvailableHint { get; init; }
    public required string Balance { get; init; }
    public required string CurrentPassword { get; init; }
    public required string DateColumn { get; init; }
    public required string EarningsLead { get; init; }
    public required string EarningsLink { get; init; }
    public required string EarningsTitle { get; init; }
    public required string HolderInvalid { get; init; }
    public required string HolderLabel { get; init; }
    public required string IbanInvalid { get; init; }
    public required string IbanLabel { get; init; }
    public required string MonthsTitle { get; init; }
    public required string NoIncomeYet { get; init; }
    public required string NoPayoutAccount { get; init; }
    public required string NoPayoutsYet { get; init; }
    public required string PasswordHint { get; init; }
    public required string PasswordWrong { get; init; }
    public required string PayOut { get; init; }
    public required string PayoutAccountTitle { get; init; }
    public required string PayoutBelowMinimum { get; init; }
    public required string PayoutNeedsAccount { get; init; }
    public required string PayoutNoMeans { get; init; }
    public required string PayoutRequested { get; init; }
    public required string PayoutSettling { get; init; }
    public required string PayoutsTitle { get; init; }
    public required string Pending { get; init; }
    public required string PendingHint { get; init; }
    public required string RequestTitle { get; init; }
    public required string SaveAccount { get; init; }
    public required string SettlingNotice { get; init; }
    public required string StatusColumn { get; init; }
    public required string StatusFailed { get; init; }
    public required string StatusPaid { get; init; }
    public required string StatusRequested { get; init; }
    public required string StatusSent { get; init; }
    public required string ToColumn { get; init; }

    public string Status(PayoutStatus status) => status switch
    {
        PayoutStatus.Sent => StatusSent,
        PayoutStatus.Paid => StatusPaid,
        PayoutStatus.Failed => StatusFailed,
        _ => StatusRequested,
    };
}
