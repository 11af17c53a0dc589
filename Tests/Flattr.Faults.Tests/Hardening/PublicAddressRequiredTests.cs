using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>In Production the public address is required: without it the web refuses to start, saying what to set.</summary>
public sealed class PublicAddressRequiredTests
{
    [Fact]
    public async Task In_production_the_web_does_not_start_without_a_public_base_url_and_says_which_setting_is_missing()
    {
        await using var app = new AppProcess("Host=127.0.0.1;Port=1;Username=nobody", new Dictionary<string, string> { ["Flattr:Web:PublicBaseUrl"] = string.Empty });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exited with 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Flattr__Web__PublicBaseUrl", failure.Message, StringComparison.Ordinal);
        Tally.Check();
    }
}
