using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// Debian's nginx in front of a cluster's nodes, configured by the repository's own <c>.ci/nginx-conf</c> from
/// <c>docker/nginx/flattr.conf.template</c> (the configuration <c>.ci/cluster</c> and the compose file use), on a free
/// loopback port. Stopped (and its folder removed) on disposal.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    readonly string _folder;
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    LoadBalancer(string folder, Process process, Uri baseUri)
    {
        _folder = folder;
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static async Task<LoadBalancer> StartAsync(IEnumerable<Uri> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var port = Flattr.Silo.Hosting.FreePorts.Take();
        var folder = Directory.CreateTempSubdirectory("flattr-nginx-").FullName;
        var listen = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        var write = await Command.RunAsync("bash",
            [Path.Combine(Repository.Root, ".ci", "nginx-conf"), folder, listen, .. nodes.Select(n => n.Authority)], timeout: TimeSpan.FromSeconds(30));
        Assert.True(write.ExitCode == 0, $".ci/nginx-conf failed: {write.Output}{write.Errors}");

        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", "stderr", "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var balancer = new LoadBalancer(folder, process, new Uri($"http://{listen}/"));
        process.OutputDataReceived += (_, e) => balancer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await balancer.WaitListeningAsync();
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    async Task WaitListeningAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"nginx exited while starting:{Environment.NewLine}{RecentOutput}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"nginx did not answer /health within 30 s:{Environment.NewLine}{RecentOutput}");
    }

    void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }
    }
}
