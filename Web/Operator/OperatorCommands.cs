using System.Globalization;
using Flattr.Settlement;
using Orleans;
using Flattr.Silo.Database;
using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Flattr.Silo.Hosting;

namespace Flattr.Web.Operator;

/// <summary>
/// <c>dotnet run --project Web -- settle 2026-10 | audit | migrate</c>: operator commands that host the silo without the web
/// server, do one thing, print what happened and exit with 0 (success), 1 (failed) or 2 (bad command line).
/// </summary>
public static class OperatorCommands
{
    static readonly string[] s_commands = ["settle", "audit", "migrate"];

    public static bool IsCommand(string[] args) => args is [var first, ..] && s_commands.Contains(first, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        Month month = default;
        if (args[0] == "settle" && (args.Length < 2 || !Month.TryParse(args[1], out month)))
        {
            await output.WriteLineAsync("usage: settle yyyy-MM   (e.g. settle 2026-10)");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args.Skip(args[0] == "settle" ? 2 : 1).ToArray());

        // An operator process settles only what it is told to: the web's month-end reminder does the rest. Its silo joins the
        // cluster on free ports, so it can run beside a web or silo process of the same machine.
        builder.Configuration.AddInMemoryCollection([
            new("Flattr:Settlement:StartMonthEndReminder", "false"),
            new($"{FlattrClusterOptions.Section}:{nameof(FlattrClusterOptions.SiloPort)}", "0"),
            new($"{FlattrClusterOptions.Section}:{nameof(FlattrClusterOptions.GatewayPort)}", "0"),
        ]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var connectionString = await FlattrSiloHosting.ConnectionStringAsync(builder.Configuration, null, cancellationToken);
        if (await PostgresReachability.ProblemAsync(connectionString, cancellationToken) is { } problem)
        {
            await output.WriteLineAsync(problem);
            return 1;
        }

        if (args[0] == "migrate")
        {
            return await MigrationCommand.RunAsync(connectionString, SchemaModules.All, output, cancellationToken);
        }

        builder.UseOrleans(silo => silo.AddFlattrSilo(builder.Configuration, connectionString));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            return args[0] == "settle"
                ? await SettleAsync(grains.GetSettlement(month), output, cancellationToken)
                : await AuditAsync(grains.GetAudit(), output);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    static async Task<int> SettleAsync(ISettlementGrain settlement, TextWriter output, CancellationToken cancellationToken)
    {
        var run = settlement.Run();
        string? last = null;
        try
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
                if (!run.IsCompleted && Line(await settlement.GetProgress()) is var line && line != last)
                {
                    await output.WriteLineAsync(line);
                    last = line;
                }
            }

            var final = await run;
            await output.WriteLineAsync(Line(final));
            await output.WriteLineAsync(final.IsFinished ? $"settlement of {final.Month} OK" : $"settlement of {final.Month} NOT finished");
            return final.IsFinished ? 0 : 1;
        }
        catch (FlattrException e)
        {
            await output.WriteLineAsync($"settlement FAILED ({e.Code}): {e.Message}");
            return 1;
        }
        catch (DatabaseUnavailableException e)
        {
            // The connection failed mid-run (the grains' call filter turns transient database errors into this): what was
            // committed stays, and the settlement reminder or the next run resumes from the plan.
            await output.WriteLineAsync($"settlement FAILED (database unavailable): {e.Message}");
            return 1;
        }
    }

    static async Task<int> AuditAsync(IAuditGrain audit, TextWriter output)
    {
        LedgerAuditReport report;
        try
        {
            report = await audit.Run();
        }
        catch (DatabaseUnavailableException e)
        {
            await output.WriteLineAsync($"ledger audit FAILED (database unavailable): {e.Message}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"transactions checked: {report.TransactionsChecked}, unbalanced: {report.UnbalancedTransactions}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"accounts checked: {report.AccountsChecked}, mismatched: {report.MismatchedAccounts}"));
        await output.WriteLineAsync(report.Ok ? "ledger audit OK" : "ledger audit FAILED");
        return report.Ok ? 0 : 1;
    }

    static string Line(SettlementProgressReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{report.Month} {report.State.ToString().ToLowerInvariant()}: {report.GiversDone}/{report.GiversTotal} givers, {report.MovedCents / 100}.{report.MovedCents % 100:00} EUR moved");
}
