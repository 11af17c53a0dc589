using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// The language switch's return address: a local path is followed; anything else, including a path holding a tab or a line
/// break (which LocalRedirect refuses), falls back to the home page instead of answering 500.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class LanguageSwitchTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Theory]
    [InlineData("/trending", "/trending")]
    [InlineData("/\tevil.example", "/")]
    [InlineData("/me\r\nSet-Cookie: x=1", "/")]
    [InlineData("/a\nb", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task The_language_switch_follows_only_local_return_urls_and_falls_back_to_the_home_page(string returnUrl, string expected)
    {
        using var visitor = App.Visitor();
        using var response = await visitor.PostFormAsync("/trending", "/language", new() { ["language"] = "fr", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Tally.Check(2);
    }
}
