using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flattr.Benchmarks.Results;

/// <summary>Renders the figures: a plain-text table for the terminal, Markdown for the README, JSON for tools.</summary>
public static class ResultTable
{
    static readonly string[] Headers = ["figure", "ours", "baseline", "ratio", "target", "met?"];

    public static BenchReport Report(DateTimeOffset date, TimeSpan duration, MachineInfo machine, IReadOnlyList<Figure> figures,
        IReadOnlyDictionary<string, string> details) =>
        new(date, Math.Round(duration.TotalSeconds, 1), machine,
            [.. figures.Select(f => new FigureJson(f.Group, f.Name, f.Unit, f.Ours, f.Baseline, f.BaselineName, f.Ratio, TargetText(f), f.Met, f.Note))],
            details);

    public static string Json(BenchReport report) => JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);

    public static string Text(BenchReport report)
    {
        var rows = Rows(report).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Append(Headers).Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Caption(report));
        AppendLine(text, Headers, widths);
        AppendLine(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in rows)
        {
            AppendLine(text, row, widths);
        }

        foreach (var note in Notes(report))
        {
            text.AppendLine(note);
        }

        return text.ToString();
    }

    public static string Markdown(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Caption(report)).AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Join("|", Headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in Rows(report))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        var notes = Notes(report).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    static string Caption(BenchReport report)
    {
        var m = report.Machine;
        return string.Create(CultureInfo.InvariantCulture,
            $"Flattr benchmarks, {report.Date:yyyy-MM-dd HH:mm} UTC, {m.Cores} cores, {m.MemoryGiB:F0} GiB ({m.Cpu}), {m.Os}, .NET {m.DotNet}, " +
            $"{m.PostgreSql}; load average {m.LoadAverageAtStart} at start, {m.LoadAverageAtEnd} at end; {report.DurationSeconds:F0} s in all.");
    }

    static IEnumerable<string[]> Rows(BenchReport report)
    {
        var notes = 0;
        foreach (var f in report.Figures)
        {
            var name = f.Name + (f.Note is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" [{++notes}]"));
            yield return
            [
                name,
                f.Ours is { } ours ? WithUnit(ours, f.Unit) : "n/a",
                f.Baseline is { } baseline ? WithUnit(baseline, f.Unit) + (f.BaselineName is null ? string.Empty : " (" + f.BaselineName + ")") : "—",
                f.Ratio is { } ratio ? Number(ratio) + "×" : "—",
                f.Target,
                f.Met switch { true => "yes", false => "NO", null => "—" },
            ];
        }
    }

    static IEnumerable<string> Notes(BenchReport report)
    {
        var notes = 0;
        foreach (var f in report.Figures.Where(f => f.Note is not null))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"[{++notes}] {f.Note}");
        }
    }

    static string TargetText(Figure figure) => figure.Target switch
    {
        null => "—",
        { Kind: TargetKind.AtLeastTimesBaseline } t => "≥ " + Number(t.Value) + "× baseline",
        { Kind: TargetKind.AtMostTimesBaseline } t => "≤ " + Number(t.Value) + "× baseline",
        { Kind: TargetKind.Below } t => "< " + WithUnit(t.Value, figure.Unit),
        { } t => "≤ " + WithUnit(t.Value, figure.Unit),
    };

    /// <summary>"12 ms", "2.31×" (a ratio's sign sticks to its number), "17" (no unit).</summary>
    static string WithUnit(double value, string unit) => unit switch
    {
        "" => Number(value),
        "×" => Number(value) + unit,
        _ => Number(value) + " " + unit,
    };

    public static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 || value == Math.Floor(value) ? "N0" : magnitude >= 10 ? "N1" : "N2";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
        }

        text.AppendLine();
    }
}
