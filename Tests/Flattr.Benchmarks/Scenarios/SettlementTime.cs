using System.Globalization;
using System.Text.RegularExpressions;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 4. Settlement of a month of 100,000 givers and 1,000,000 clicks with the real engine, by Tests/Flattr.Settlement.Load on a
/// scratch database of the private server; its baseline, measured by the same program right after, is a binary COPY of as
/// many ledger entries (as many per commit) into an unindexed table.
/// </summary>
public static partial class SettlementTime
{
    public const string Group = "4 settlement";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var givers = settings.SettlementGivers.ToString(CultureInfo.InvariantCulture);
        var clicks = settings.SettlementClicksPerGiver.ToString(CultureInfo.InvariantCulture);
        var result = await ChildProcess.RunAsync(new ProcessSpec("settlement", "dotnet", [settings.SettlementLoadDll, givers, clicks])
        {
            Environment = new Dictionary<string, string>
            {
                ["FLATTR_TEST_POSTGRES"] = settings.Server,
                ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
            },
        }, settings.LogFolder, TimeSpan.FromMinutes(8), cancellationToken);
        var settled = Settled().Match(result.Output);
        var copy = Copy().Match(result.Output);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"Settlement, {settings.SettlementGivers:N0} givers / {settings.SettlementGivers * settings.SettlementClicksPerGiver:N0} clicks");
        if (!result.Succeeded || !settled.Success || !copy.Success)
        {
            return [Figure.Failed(Group, name, "s", $"the settlement load failed (exit {result.ExitCode}): {Last(result.Error + result.Output)}", Target.Below(20))];
        }

        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log("settlement: " + line);
        }

        double Number(Group group) => double.Parse(group.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var audit = result.Output.Contains("ledger audit OK", StringComparison.Ordinal);
        const string Copied = "binary COPY, same rows";
        return
        [
            new Figure(Group, name, "s", Number(settled.Groups["seconds"]), Number(copy.Groups["seconds"]), Copied, Target.Below(20),
                audit ? null : "the ledger audit after the settlement did not report Ok"),
            new Figure(Group, "Ledger rows written per second", "rows/s", Number(settled.Groups["rate"]), Number(copy.Groups["rate"]), Copied),
        ];
    }

    static string Last(string text) => text.Length > 300 ? text[^300..] : text;

    [GeneratedRegex(@"^settled .* in (?<seconds>[0-9.,]+) s: (?<rows>[0-9,]+) ledger rows .*, (?<rate>[0-9,]+) rows/s", RegexOptions.Multiline)]
    private static partial Regex Settled();

    [GeneratedRegex(@"^binary COPY of (?<rows>[0-9,]+) rows .*: (?<seconds>[0-9.,]+) s, (?<rate>[0-9,]+) rows/s", RegexOptions.Multiline)]
    private static partial Regex Copy();
}
