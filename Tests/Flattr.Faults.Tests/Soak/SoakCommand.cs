using System.Globalization;
using Flattr.Web.Tests.Support;
using Flattr.Testing.Database;

namespace Flattr.Faults.Tests.Soak;

/// <summary>
/// <c>dotnet Flattr.Faults.Tests.dll soak [--minutes 3] [--sample-seconds 10] [--collection-age-seconds 30]</c>: the long soak
/// (run by <c>bash .ci/soak</c>). The app runs in this process on 127.0.0.1 with its own fresh database on FLATTR_TEST_POSTGRES;
/// nothing leaves the machine. Prints a sample line as it goes and a verdict; exit code 0 when it passed, 1 when not, 2 for bad usage.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["soak", ..] || Parse(args.Skip(1).ToArray()) is not { } options)
        {
            await Console.Error.WriteLineAsync("usage: soak [--minutes 3] [--sample-seconds 10] [--collection-age-seconds 30]");
            return 2;
        }

        await Console.Out.WriteLineAsync($"soak: database server {TestDatabase.ServerConnectionString}, app on 127.0.0.1 only");

        // Outside a test runner, WebApplicationFactory finds the web's content root only through this variable.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FLATTR_WEB", Support.Repository.WebContentRoot);
        var app = new FlattrApp();
        foreach (var (key, value) in SoakRun.AppSettings(options))
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        try
        {
            var report = await new SoakRun(options, Console.Out).RunAsync(app);
            return report.Passed ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    static SoakOptions? Parse(string[] args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return null;
            }

            options = args[i] switch
            {
                "--minutes" => options with { Load = TimeSpan.FromMinutes(value) },
                "--sample-seconds" => options with { SampleEvery = TimeSpan.FromSeconds(value) },
                "--collection-age-seconds" => options with { CollectionAge = TimeSpan.FromSeconds(value) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        // Orleans refuses a collection age that is not longer than the quantum (how often idle grains are looked for).
        return options.CollectionQuantum < options.CollectionAge ? options : options with { CollectionQuantum = options.CollectionAge / 4 };
    }
}
