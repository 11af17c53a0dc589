using Flattr.Api;

namespace Flattr.Api.Tests.Units;

public sealed class ApiScopesTests
{
    [Theory]
    [InlineData("thing flattr", new[] { "flattr", "thing" })]
    [InlineData("flattr,thing,flattr", new[] { "flattr", "thing" })]
    [InlineData("extendedread+email", new[] { "email", "extendedread" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void Scopes_parse_to_a_canonical_distinct_list(string? text, string[] expected) =>
        Assert.Equal(expected, ApiScopes.Parse(text));

    [Fact]
    public void An_unknown_scope_is_invalid_scope()
    {
        var error = Assert.Throws<FlattrException>(() => ApiScopes.Parse("flattr admin"));
        Assert.Equal(OAuthErrors.InvalidScope, error.Code);
    }

    [Fact]
    public void Idempotency_keys_are_printable_ascii_up_to_255_characters()
    {
        Assert.True(IdempotentRequest.IsValidKey("7b1f0c7e-0c9a-4a43-9e0b-1b0f7a3b2c11"));
        Assert.True(IdempotentRequest.IsValidKey(new string('k', 255)));
        Assert.False(IdempotentRequest.IsValidKey(new string('k', 256)));
        Assert.False(IdempotentRequest.IsValidKey("with space"));
        Assert.False(IdempotentRequest.IsValidKey("naïve"));
        Assert.False(IdempotentRequest.IsValidKey(""));
    }
}
