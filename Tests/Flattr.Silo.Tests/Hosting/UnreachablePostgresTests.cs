using Flattr.Silo.Hosting;
using System.Globalization;
using Flattr.Silo.Tests.Support;

namespace Flattr.Silo.Tests.Hosting;

/// <summary>A silo or web started against a PostgreSQL that does not answer stops at once with one clear line, not a stack trace.</summary>
public sealed class UnreachablePostgresTests
{
    [Theory]
    [InlineData("silo")]
    [InlineData("web")]
    public async Task Started_against_an_unreachable_PostgreSQL_it_exits_non_zero_with_one_line_naming_the_server(string program)
    {
        var ports = FreePorts.Take(4);
        var closed = ports[0];
        var settings = new ClusterSettings(
            string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={closed};Username=flattr;Database=flattr"), "unreachable")
            .For(siloPort: ports[1], gatewayPort: ports[2]);
        await using var process = program == "silo" ? FlattrProcess.Silo(settings) : FlattrProcess.Web(ports[3], settings);

        process.Start();
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(process.ErrorLines, l => l.Length > 0);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"flattr {program}: cannot reach PostgreSQL at 127.0.0.1:{closed}"), line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", process.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.RecentOutput, StringComparison.Ordinal);
    }
}
