using Flattr.Money;

namespace Flattr.Grains.Tests.Money;

public sealed class MoneyValidationTests
{
    static readonly MoneyRules Rules = new();

    [Theory]
    [InlineData(-500)]
    [InlineData(0)]
    [InlineData(199)]
    [InlineData(10_001)]
    [InlineData(long.MaxValue)]
    public void Budget_outside_two_to_one_hundred_euros_is_invalid_parameters(long cents)
    {
        var error = Assert.Throws<FlattrException>(() => MoneyValidation.RequireBudgetInRange(cents, Rules));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    [InlineData(10_000)]
    public void Budget_within_two_to_one_hundred_euros_is_accepted(long cents) => MoneyValidation.RequireBudgetInRange(cents, Rules);

    [Theory]
    [InlineData(-1_000)]
    [InlineData(0)]
    [InlineData(799)]
    [InlineData(1_000_001)]
    [InlineData(long.MaxValue)]
    public void Deposit_not_positive_below_eight_euros_or_above_ten_thousand_euros_is_invalid_parameters(long cents)
    {
        var error = Assert.Throws<FlattrException>(() => MoneyValidation.RequireDepositInRange(cents, Rules));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }

    [Fact]
    public void Payout_below_ten_euros_is_invalid_parameters() =>
        Assert.Equal(FlattrErrors.InvalidParameters,
            Assert.Throws<FlattrException>(() => MoneyValidation.RequirePayoutAtLeastMinimum(999, Rules)).Code);

    [Theory]
    [InlineData(0, "0.00 EUR")]
    [InlineData(5, "0.05 EUR")]
    [InlineData(1234, "12.34 EUR")]
    [InlineData(-250, "-2.50 EUR")]
    public void Euros_are_formatted_from_cents_without_floating_point(long cents, string expected) =>
        Assert.Equal(expected, MoneyValidation.Euros(cents));
}
