using System.Globalization;

namespace Flattr.Web.Giver;

/// <summary>Parses euro amounts typed in forms into whole cents (pages write amounts with <see cref="Localization.Formats.Money"/>).</summary>
public static class Money
{

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
}
