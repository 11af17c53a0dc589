using System.Globalization;
using System.Net;
using Flattr.Silo.Hosting;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// Debian's nginx in front of a cluster's nodes on a free loopback port, configured by the repository's <c>.ci/nginx-conf</c>
/// from <c>docker/nginx/flattr.conf.template</c> (what <c>.ci/cluster</c>, the compose file and the cluster tests use).
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    readonly ChildProcess _process;
    readonly string _folder;

    LoadBalancer(ChildProcess process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU of the master and its worker.</summary>
    public double CpuSeconds => ProcessTree.CpuSeconds(_process.Id);

    public static async Task<LoadBalancer> StartAsync(BenchSettings settings, string name, IEnumerable<Uri> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(nodes);
        var listen = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{FreePorts.Take(1)[0]}");
        var folder = Path.Combine(settings.OutputFolder, "work", name);
        Directory.CreateDirectory(folder);
        var configure = await ChildProcess.RunAsync(
            new ProcessSpec(name + "-conf", "bash", [Path.Combine(settings.RepoRoot, ".ci", "nginx-conf"), folder, listen, .. nodes.Select(n => n.Authority)]),
            settings.LogFolder, TimeSpan.FromSeconds(30), cancellationToken);
        if (!configure.Succeeded)
        {
            throw new InvalidOperationException($".ci/nginx-conf failed: {configure.Output}{configure.Error}");
        }

        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = ChildProcess.Start(new ProcessSpec(name, nginx, ["-e", "stderr", "-p", folder, "-c", Path.Combine(folder, "nginx.conf")]),
            settings.LogFolder);
        var balancer = new LoadBalancer(process, folder, new Uri($"http://{listen}/"));
        using var client = new HttpClient { BaseAddress = balancer.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await balancer.DisposeAsync();
                throw new InvalidOperationException("nginx exited at start-up:\n" + process.Error + process.Output);
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return balancer;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        await balancer.DisposeAsync();
        throw new TimeoutException("nginx did not answer /health within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
