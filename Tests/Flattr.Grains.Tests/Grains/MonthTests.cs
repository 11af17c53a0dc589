namespace Flattr.Grains.Tests.Grains;

public sealed class MonthTests
{
    [Fact]
    public void Month_of_an_instant_is_taken_in_utc_whatever_the_offset()
    {
        var lateOnOctober31InBerlin = new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(new Month(2026, 10), Month.Of(lateOnOctober31InBerlin));
    }

    [Fact]
    public void Next_and_previous_cross_year_boundaries()
    {
        Assert.Equal(new Month(2027, 1), new Month(2026, 12).Next());
        Assert.Equal(new Month(2025, 12), new Month(2026, 1).Previous());
        Assert.Equal(new Month(2028, 2), new Month(2026, 12).AddMonths(14));
    }

    [Fact]
    public void Text_form_round_trips_as_yyyy_MM()
    {
        var month = Month.Parse("2026-03");
        Assert.Equal(new Month(2026, 3), month);
        Assert.Equal("2026-03", month.ToString());
        Assert.Equal(new DateOnly(2026, 3, 1), month.FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), month.End);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("")]
    [InlineData("2026-10-01")]
    public void Malformed_text_is_refused_with_a_message_naming_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => Month.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.False(Month.TryParse(text, out _));
    }

    [Fact]
    public void Months_order_by_time()
    {
        Assert.True(new Month(2025, 12) < new Month(2026, 1));
        Assert.True(new Month(2026, 2) > new Month(2026, 1));
        Assert.Equal(13, new Month(2027, 2).MonthsSince(new Month(2026, 1)));
    }
}
