using Flattr.Payouts;

namespace Flattr.Grains.Tests.Money;

public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606")]
    [InlineData("GB82WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("NO93 8601 1117 947", "NO9386011117947")]
    [InlineData("MT84 MALT 0110 0001 2345 MTLC AST0 01S", "MT84MALT011000012345MTLCAST001S")]
    public void Valid_ibans_of_several_countries_are_normalised(string typed, string expected)
    {
        Assert.Equal(expected, Iban.Normalise(typed, out var problem));
        Assert.Empty(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("DE")]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("DE98 3704 0044 0532 0130 00")]
    [InlineData("DE89 3704 0044 0532 0130")]
    [InlineData("NO93 8601 1117 9470")]
    [InlineData("QQ89 3704 0044 0532 0130 00")]
    [InlineData("DE89 3704 0044 0532 0130 0!")]
    [InlineData("DE89 3704 0044 0532 0130 00 0000 0000 0000 0000")]
    public void Wrong_checksums_lengths_countries_and_characters_are_refused_with_a_reason(string? typed)
    {
        Assert.Null(Iban.Normalise(typed, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void A_masked_iban_shows_only_the_country_and_the_last_four_characters() =>
        Assert.Equal("DE•• •••• 3000", Iban.Mask("DE89370400440532013000"));
}
