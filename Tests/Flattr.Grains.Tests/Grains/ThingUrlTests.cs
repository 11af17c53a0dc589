using Flattr.Things;

namespace Flattr.Grains.Tests.Grains;

public sealed class ThingUrlTests
{
    [Theory]
    [InlineData("HTTPS://Example.ORG", "https://example.org/")]
    [InlineData("https://example.org:443/a/B?x=1#frag", "https://example.org/a/B?x=1")]
    [InlineData("http://example.org:8080/path", "http://example.org:8080/path")]
    [InlineData("  https://example.org/post  ", "https://example.org/post")]
    public void Urls_are_normalised_to_one_form(string url, string expected) => Assert.Equal(expected, ThingUrl.Normalise(url));

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    [InlineData("https://user:secret@example.org/")]
    [InlineData("/relative/path")]
    public void Non_http_urls_are_invalid_parameters(string url)
    {
        var error = Assert.Throws<FlattrException>(() => ThingUrl.Normalise(url));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }
}
