using Flattr.Faults.Tests.Support;
using Flattr.Web.Tests.Support;

namespace Flattr.Faults.Tests.Soak;

/// <summary>
/// The soak in its CI size: seconds of steady mixed load, then idling (the long one is <c>bash .ci/soak</c>). It runs alone,
/// after the parallel tests: the heap it samples is this process's, and other tests would grow it.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly FlattrApp _app = new();

    public Task InitializeAsync()
    {
        foreach (var (key, value) in SoakRun.AppSettings(SoakOptions.Short))
        {
            _app.Settings[key] = value;
        }

        return _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_short_steady_mixed_load_grows_nothing_releases_every_dashboard_and_idle_grains_are_collected()
    {
        using var log = new TestOutputWriter(output);
        var report = await new SoakRun(SoakOptions.Short, log).RunAsync(_app);
        Assert.True(report.Passed, string.Join("; ", report.Verdicts.Where(v => !v.Passed).Select(v => $"{v.Check}: {v.Detail}")));
        Tally.Check(report.Verdicts.Count);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak, alone";
}
