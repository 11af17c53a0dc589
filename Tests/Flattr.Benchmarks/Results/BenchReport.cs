using System.Text.Json.Serialization;

namespace Flattr.Benchmarks.Results;

/// <summary>The machine a run measured on: the table is meaningless without it.</summary>
public sealed record MachineInfo(
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("memory_gib")] double MemoryGiB,
    [property: JsonPropertyName("cpu")] string Cpu,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("dotnet")] string DotNet,
    [property: JsonPropertyName("postgresql")] string PostgreSql,
    [property: JsonPropertyName("load_average_at_start")] string LoadAverageAtStart,
    [property: JsonPropertyName("load_average_at_end")] string LoadAverageAtEnd);

/// <summary>A figure as written to latest.json, with the ratio and the verdict spelled out.</summary>
public sealed record FigureJson(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("figure")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("ours")] double? Ours,
    [property: JsonPropertyName("baseline")] double? Baseline,
    [property: JsonPropertyName("baseline_name")] string? BaselineName,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("met")] bool? Met,
    [property: JsonPropertyName("note")] string? Note);

public sealed record BenchReport(
    [property: JsonPropertyName("date")] DateTimeOffset Date,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("machine")] MachineInfo Machine,
    [property: JsonPropertyName("figures")] IReadOnlyList<FigureJson> Figures,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BenchReport))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
