using Flattr.Api;

namespace Flattr.Api.Tests.Units;

public sealed class TagExpressionTests
{
    [Theory]
    [InlineData("game | games ! software", "game", true)]
    [InlineData("game | games ! software", "games", true)]
    [InlineData("game | games ! software", "game software", false)]
    [InlineData("game | games ! software", "art", false)]
    [InlineData("photo & flickr ! illustrations", "photo flickr", true)]
    [InlineData("photo & flickr ! illustrations", "photo flickr illustrations", false)]
    [InlineData("photo & flickr ! illustrations", "photo", false)]
    [InlineData("photo flickr", "photo flickr", true)]
    [InlineData("!a|b", "a", false)]
    [InlineData("!a|b", "c", true)]
    [InlineData("(a & b) | c", "c", true)]
    [InlineData("(a & b) | c", "a", false)]
    [InlineData("PHOTO", "photo", true)]
    public void Or_binds_tighter_than_not_which_binds_tighter_than_and(string expression, string tags, bool matches) =>
        Assert.Equal(matches, TagExpression.Parse(expression).Matches(tags.Split(' ')));

    [Fact]
    public void A_quoted_tag_may_hold_spaces_and_operators()
    {
        var expression = TagExpression.Parse("\"free software\" | \"c&a\"");

        Assert.Equal(new[] { "free software", "c&a" }, expression.Tags().ToArray());
        Assert.True(expression.Matches(["c&a"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a |")]
    [InlineData("| a")]
    [InlineData("a & & b")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("!")]
    [InlineData("\"open")]
    [InlineData("\"\"")]
    public void A_malformed_expression_is_invalid_parameters(string expression)
    {
        var error = Assert.Throws<FlattrException>(() => TagExpression.Parse(expression));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }

    [Fact]
    public void Expressions_are_bounded_in_length_tags_and_depth()
    {
        Assert.Throws<FlattrException>(() => TagExpression.Parse(new string('a', TagExpression.MaximumLength + 1)));
        Assert.Throws<FlattrException>(() => TagExpression.Parse(string.Join(" | ", Enumerable.Range(0, TagExpression.MaximumTags + 1).Select(i => "t" + i))));
        Assert.Throws<FlattrException>(() => TagExpression.Parse(new string('(', 12) + "a" + new string(')', 12)));
        Assert.Equal(TagExpression.MaximumTags, TagExpression.Parse(string.Join(" ", Enumerable.Range(0, TagExpression.MaximumTags).Select(i => "t" + i))).Tags().Length);
    }
}
