using System.Globalization;

namespace Flattr.Money;

/// <summary>
/// Months as <see cref="DateOnly"/> first-of-month values (UTC), the SQL <c>date</c> form; text form yyyy-MM.
/// </summary>
public static class Months
{
    public static DateOnly Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    public static DateOnly Current(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Of(clock.GetUtcNow());
    }

    public static DateOnly Next(DateOnly month) => month.AddMonths(1);

    public static DateOnly Previous(DateOnly month) => month.AddMonths(-1);

    public static bool IsMonth(DateOnly value) => value.Day == 1;

    public static DateOnly Require(DateOnly month)
    {
        if (!IsMonth(month))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A month is the first day of the month; got {month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
        }

        return month;
    }

    public static string Format(DateOnly month) => Require(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new FlattrException(FlattrErrors.InvalidParameters, $"'{text}' is not a month in the form yyyy-MM.");
}
