using System.Globalization;

namespace Flattr.Web.Localization;

/// <summary>
/// The one way pages write amounts, months, dates and times: in the request's culture (the browser's regional one, e.g.
/// en-GB, fr-CH or de-AT, set by request localization), through .NET's own formatting. Instants are shown in UTC, the
/// clock months are cut by.
/// </summary>
public static class Formats
{
    /// <summary>
    /// Cents as euros in the reader's number format with the euro sign: "€8.00", "8,00 €", "€ 8,00" (de-AT). Its spaces are
    /// no-break spaces (ICU here writes plain ones), so that a line never ends between the amount and its sign.
    /// </summary>
    public static string Money(long cents) =>
        (cents / 100m).ToString("C2", EuroCulture(CultureInfo.CurrentCulture)).Replace(' ', '\u00A0');

    /// <summary>A month as words: "December 2026", "décembre 2026", "Dezember 2026".</summary>
    public static string Month(Month month) =>
        month.FirstDay.ToString(CultureInfo.CurrentCulture.DateTimeFormat.YearMonthPattern, CultureInfo.CurrentCulture);

    /// <summary>A month for a chart's axis: "Dec 26", "déc. 26", "Dez. 26".</summary>
    public static string ShortMonth(Month month) => month.FirstDay.ToString("MMM yy", CultureInfo.CurrentCulture);

    /// <summary>A day: "05/12/2026" (en-GB), "12/5/2026" (en-US), "05.12.2026" (de).</summary>
    public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A day and time: "05/12/2026 22:57" (en-GB).</summary>
    public static string DateTime(DateTimeOffset instant) => instant.UtcDateTime.ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A time of day: "22:57".</summary>
    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("t", CultureInfo.CurrentCulture);

    /// <summary>The reader's culture with the euro as currency: our amounts are always euros, whatever the region's money.</summary>
    static CultureInfo EuroCulture(CultureInfo culture)
    {
        var euro = (CultureInfo)culture.Clone();
        euro.NumberFormat.CurrencySymbol = "€";
        return euro;
    }
}
