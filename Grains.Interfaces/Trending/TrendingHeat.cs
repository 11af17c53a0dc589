namespace Flattr.Trending;

/// <summary>
/// The one trending formula, used by the trending grain (the site's trending board, front page and live pushes) and by the
/// API's <c>sort=trend</c> (its SQL takes <see cref="Rate"/>, <see cref="Of"/>(now) and <see cref="Horizon"/> as parameters).
/// <para>
/// A thing's score at time <c>now</c> is <c>Σ 2^−(now − tᵢ)/h</c> over its clicks <c>tᵢ</c> of the last <see cref="Horizon"/>,
/// with the half-life <c>h</c> = <see cref="HalfLife"/>: a click counts 1 when it is made, ½ twelve hours later. Its
/// <em>heat</em> is the same sum in log form against a fixed <see cref="Epoch"/>:
/// <c>heat = ln Σ e^(λ·(tᵢ − epoch))</c> with <c>λ = ln 2 / h</c> (<see cref="Rate"/>), so <c>score = e^(heat − λ·(now − epoch))</c>.
/// Heat never has to be rewritten as time passes (every thing decays at the same rate), so the order of things only changes
/// when a click arrives or is withdrawn, and browsers can sort by it. Things are ranked by heat rounded to
/// <see cref="Decimals"/> decimals (the grain adds terms one by one, SQL sums them: the last bits differ), newest id first
/// among equals, in the grain and in SQL alike.
/// </para>
/// <para>
/// The horizon only saves SQL from reading old clicks: a click 30 days (60 half-lives) old weighs 2⁻⁶⁰ of a new one, below
/// what a double or the rounding can tell apart, so the grain, which keeps sums rather than clicks, ranks as SQL does.
/// A thing whose last click is older than the horizon has no score and leaves the board.
/// </para>
/// </summary>
public static class TrendingHeat
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromHours(12);

    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Heat is compared (ranked) at this many decimals.</summary>
    public const int Decimals = 9;

    /// <summary>λ, per second: <c>ln 2 / half-life</c>.</summary>
    public static double Rate { get; } = Math.Log(2) / HalfLife.TotalSeconds;

    /// <summary>The heat of one click made at <paramref name="at"/>: <c>λ·(at − epoch)</c>.</summary>
    public static double Of(DateTimeOffset at) => (at - Epoch).TotalSeconds * Rate;

    /// <summary>The heat after one more click at <paramref name="at"/>: <c>ln(e^heat + e^x)</c>, without overflow.</summary>
    public static double Add(double heat, DateTimeOffset at)
    {
        var x = Of(at);
        return double.IsNegativeInfinity(heat) ? x : Math.Max(heat, x) + Math.Log(1 + Math.Exp(-Math.Abs(heat - x)));
    }

    /// <summary>The value things are ranked by (higher first).</summary>
    public static double Rank(double heat) => Math.Round(heat, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>Whether a thing last clicked at <paramref name="lastClickAt"/> still has a score at <paramref name="now"/>.</summary>
    public static bool IsWithinHorizon(DateTimeOffset lastClickAt, DateTimeOffset now) => now - lastClickAt <= Horizon;
}
