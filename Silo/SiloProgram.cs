using Flattr.Silo.Database;
using Flattr.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flattr.Silo;

/// <summary>
/// The headless silo: <c>dotnet run --project Silo</c>. It joins the cluster of its configuration (<c>Flattr:Cluster</c>)
/// on the database of <c>ConnectionStrings:Flattr</c> (else the private local server) and serves Flattr's grains to the
/// other silos and to web processes running as cluster clients, until it is stopped (Ctrl+C, SIGTERM).
/// </summary>
static class SiloProgram
{
    static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = await FlattrSiloHosting.ConnectionStringAsync(builder.Configuration, null, CancellationToken.None).ConfigureAwait(false);
        if (await PostgresReachability.ProblemAsync(connectionString, CancellationToken.None).ConfigureAwait(false) is { } problem)
        {
            await Console.Error.WriteLineAsync($"flattr silo: {problem}").ConfigureAwait(false);
            return 1;
        }

        builder.Logging.AddFlattrLogFormat(builder.Environment);
        builder.Services.AddFlattrTelemetry(builder.Configuration);
        builder.UseOrleans(silo => silo.AddFlattrSilo(builder.Configuration, connectionString));
        using var host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
