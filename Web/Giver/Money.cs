using System.Globalization;

namespace Flattr.Web.Giver;

/// <summary>Shows cents as euros in the reader's culture; parses euro amounts typed in forms into whole cents.</summary>
public static class Money
{
    public static string Euros(long cents) =>
        (cents / 100m).ToString("C2", EuroCulture());

    /// <summary>"12", "12.5", "12,50" → cents; null when not a positive amount with at most two decimals.</summary>
    public static long? ParseEuros(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = text.Trim().Replace('€', ' ').Trim().Replace(',', '.');
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var euros)
            && euros > 0 && decimal.Round(euros, 2) == euros && euros <= 100_000
            ? (long)(euros * 100)
            : null;
    }

    static CultureInfo EuroCulture()
    {
        // Our amounts are always euros: keep the reader's number format, but the euro sign.
        var culture = (CultureInfo)CultureInfo.CurrentCulture.Clone();
        culture.NumberFormat.CurrencySymbol = "€";
        if (culture.TwoLetterISOLanguageName == "en")
        {
            culture.NumberFormat.CurrencyPositivePattern = 0;
        }

        return culture;
    }
}
