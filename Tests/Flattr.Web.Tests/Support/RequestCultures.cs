using System.Globalization;
using Flattr.Web.Localization;

namespace Flattr.Web.Tests.Support;

/// <summary>What the app's formatters write for a request in a given culture: the test's expectations use the app's own formats.</summary>
public static class RequestCultures
{
    /// <summary>A month in words as a page in <paramref name="culture"/> writes it ("August 2028", "août 2028").</summary>
    public static string Month(Month month, string culture) => In(culture, () => Formats.Month(month));

    /// <summary>A month as a chart in <paramref name="culture"/> labels it ("Aug 28").</summary>
    public static string ShortMonth(Month month, string culture) => In(culture, () => Formats.ShortMonth(month));

    static string In(string culture, Func<string> format)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return format();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
