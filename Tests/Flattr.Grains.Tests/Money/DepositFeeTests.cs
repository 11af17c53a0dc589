using FsCheck;
using FsCheck.Fluent;
using Flattr.Money;

namespace Flattr.Grains.Tests.Money;

public sealed class DepositFeeTests
{
    [Fact]
    public void Ten_euro_deposit_keeps_one_euro_fee_and_leaves_nine_euros() => Assert.Equal(100, DepositFee.For(1_000));

    [Fact]
    public void Fee_is_rounded_down_to_the_cent_in_the_givers_favour() => Assert.Equal(80, DepositFee.For(809));

    [Fact]
    public void Fee_follows_the_configured_percentage() => Assert.Equal(50, DepositFee.For(1_000, new MoneyRules { DepositFeePercent = 5 }));

    [Fact]
    public void Fee_is_at_most_the_percentage_and_less_than_a_cent_below_it() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(x => (long)x).ToArbitrary(), amount =>
        {
            var fee = DepositFee.For(amount);
            return fee * 100 <= amount * 10 && amount * 10 - fee * 100 < 100 && fee >= 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
}
