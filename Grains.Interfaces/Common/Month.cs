using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Orleans;

namespace Flattr;

/// <summary>
/// A calendar month in UTC, the unit of budgets, clicks and settlement. Text form <c>yyyy-MM</c> (the wallet's
/// key extension and the settlement grain's key); SQL form: a <c>date</c> holding the first day of the month.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.Month")]
public readonly record struct Month : IComparable<Month>, IParsable<Month>, ISpanFormattable
{
    public Month(int year, int number)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A month's year must be between 1 and 9998.");
        }

        if (number is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A month's number must be between 1 and 12.");
        }

        Year = year;
        Number = number;
    }

    [Id(0)]
    public int Year { get; }

    /// <summary>1 = January … 12 = December.</summary>
    [Id(1)]
    public int Number { get; }

    /// <summary>The month that contains <paramref name="instant"/>, in UTC whatever its offset.</summary>
    public static Month Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new(utc.Year, utc.Month);
    }

    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The current month per <paramref name="timeProvider"/> (always the DI one, so tests can move time).</summary>
    public static Month Current(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Of(timeProvider.GetUtcNow());
    }

    /// <summary>The first day, as stored in SQL <c>date</c> columns.</summary>
    public DateOnly FirstDay => new(Year, Number, 1);

    /// <summary>The first instant of the month (inclusive), UTC.</summary>
    public DateTimeOffset Start => new(Year, Number, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant of the next month (exclusive end), UTC.</summary>
    public DateTimeOffset End => Next().Start;

    public Month Next() => AddMonths(1);

    public Month Previous() => AddMonths(-1);

    public Month AddMonths(int months)
    {
        var index = (Year * 12) + (Number - 1) + months;
        return new(index / 12, (index % 12) + 1);
    }

    /// <summary>Whole months from <paramref name="other"/> to this month (positive when this is later).</summary>
    public int MonthsSince(Month other) => ((Year - other.Year) * 12) + (Number - other.Number);

    public bool Contains(DateTimeOffset instant) => Of(instant) == this;

    /// <summary>Parses exactly <c>yyyy-MM</c>; throws a <see cref="FormatException"/> that names the bad text.</summary>
    public static Month Parse(string text) => Parse(text, provider: null);

    public static Month Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var month)
            ? month
            : throw new FormatException($"'{s}' is not a month: expected yyyy-MM, e.g. 2026-10.");
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out Month result) => TryParse(s, provider: null, out result);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Month result)
    {
        result = default;
        if (s is not { Length: 7 } || s[4] != '-')
        {
            return false;
        }

        if (!int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 1 or > 9998
            || number is < 1 or > 12)
        {
            return false;
        }

        result = new(year, number);
        return true;
    }

    public int CompareTo(Month other) => MonthsSince(other) switch
    {
        < 0 => -1,
        > 0 => 1,
        _ => 0,
    };

    public static bool operator <(Month left, Month right) => left.CompareTo(right) < 0;

    public static bool operator >(Month left, Month right) => left.CompareTo(right) > 0;

    public static bool operator <=(Month left, Month right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Month left, Month right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}");

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}", out charsWritten);
}
