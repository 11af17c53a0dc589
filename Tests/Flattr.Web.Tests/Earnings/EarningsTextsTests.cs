using Flattr.Payouts;
using Flattr.Web.Earnings.Localization;

namespace Flattr.Web.Tests.Earnings;

public sealed class EarningsTextsTests
{
    [Fact]
    public void Every_language_has_its_own_sentence_for_the_earnings_page()
    {
        // The compiler forces every language to define every text; this checks none was left in English by mistake.
        var properties = typeof(EarningsTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && !p.GetMethod!.IsStatic).ToList();
        var sameAsEnglish = new[] { EarningsTexts.French, EarningsTexts.German }
            .SelectMany(t => properties.Where(p => (string)p.GetValue(t)! == (string)p.GetValue(EarningsTexts.English)!).Select(p => p.Name))
            .Distinct()
            .Except(["IbanLabel", "DateColumn", "StatusColumn"])
            .ToList();

        Assert.Empty(sameAsEnglish);
    }

    [Fact]
    public void Every_payout_status_has_a_text_of_its_own()
    {
        var statuses = Enum.GetValues<PayoutStatus>().Select(EarningsTexts.German.Status).ToList();

        Assert.Equal(statuses.Count, statuses.Distinct().Count());
    }
}
