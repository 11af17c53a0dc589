using System.Globalization;
using Flattr.Web.Localization;

namespace Flattr.Web.Tests.Pages;

/// <summary>Amounts on the pages: the reader's number format with the euro sign, and no line may end inside an amount.</summary>
public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("en-GB", 200, "€2.00")]
    [InlineData("fr-FR", 10_000, "100,00\u00A0€")]
    [InlineData("fr-CH", 10_000, "100.00\u00A0€")]
    [InlineData("de-DE", 123_456_789, "1.234.567,89\u00A0€")]
    [InlineData("de-AT", 800, "€\u00A08,00")]
    public void An_amount_is_written_in_the_readers_format_with_no_break_spaces(string culture, long cents, string expected)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var money = Formats.Money(cents);
            Assert.Equal(expected, money);
            Assert.DoesNotContain(' ', money);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
