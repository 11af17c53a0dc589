using Flattr.Silo.Hosting;
using System.Globalization;
using System.Net;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// The real app (Web, Release build) on 127.0.0.1 and a free port, on the run's database, with its production settings except
/// the two per-user abuse limits (sign-ins per address, flattrs per giver per minute), which a load of a few hundred givers
/// clicking hundreds of times a second would otherwise hit: the limiters still run on every request, they just never refuse.
/// It co-hosts its Orleans silo (the default web role) on free silo and gateway ports, with membership in the run's database.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    readonly ChildProcess _process;

    WebApp(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public long ResidentBytes => MachineProbe.ResidentBytes(_process.Id);

    public double CpuSeconds => MachineProbe.CpuSeconds(_process.Id);

    public static Task<WebApp> StartAsync(BenchSettings settings, string connectionString, CancellationToken cancellationToken) =>
        StartAsync(settings, connectionString, "web", new Dictionary<string, string>(), cancellationToken);

    /// <summary>One node under its own <paramref name="name"/> (its log file), with more settings as environment variables (e.g. a cluster's membership settings).</summary>
    public static async Task<WebApp> StartAsync(BenchSettings settings, string connectionString, string name,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var ports = FreePorts.Take(3);
        var port = ports[0];
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Flattr__Web__PublicBaseUrl"] = baseAddress.ToString(),
            ["ConnectionStrings__Flattr"] = connectionString,
            ["Flattr__Web__FlattrsPerMinute"] = "100000000",
            ["Flattr__Web__SignInAttemptsPerMinute"] = "100000000",
            ["Flattr__Cluster__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Flattr__Cluster__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var spec = new ProcessSpec(name, "dotnet", [settings.WebDll])
        {
            // The content root (appsettings.json, wwwroot/) is the project folder, as with `dotnet run --project Web`.
            WorkingDirectory = Path.Combine(settings.RepoRoot, "Web"),
            Environment = variables,
        };
        var process = ChildProcess.Start(spec, settings.LogFolder);
        var app = new WebApp(process, baseAddress);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException("The web app exited at start-up:\n" + process.Error + process.Output);
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy migrating.
            }

            await Task.Delay(250, cancellationToken);
        }

        await app.DisposeAsync();
        throw new TimeoutException("The web app did not answer /health within 2 minutes.");
    }

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
