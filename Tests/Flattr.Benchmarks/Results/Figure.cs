namespace Flattr.Benchmarks.Results;

/// <summary>What a figure must reach: a bound on its own value, or on its ratio to the baseline.</summary>
public sealed record Target(TargetKind Kind, double Value)
{
    public static Target AtLeastTimesBaseline(double factor) => new(TargetKind.AtLeastTimesBaseline, factor);

    public static Target AtMostTimesBaseline(double factor) => new(TargetKind.AtMostTimesBaseline, factor);

    public static Target Below(double value) => new(TargetKind.Below, value);

    public static Target AtMost(double value) => new(TargetKind.AtMost, value);

    public bool IsMetBy(double ours, double? ratio) => Kind switch
    {
        TargetKind.AtLeastTimesBaseline => ratio is { } r && r >= Value,
        TargetKind.AtMostTimesBaseline => ratio is { } r && r <= Value,
        TargetKind.Below => ours < Value,
        _ => ours <= Value,
    };
}

public enum TargetKind
{
    AtLeastTimesBaseline,
    AtMostTimesBaseline,
    Below,
    AtMost,
}

/// <summary>
/// One row of the table: our value, the baseline measured in the same run (when there is one), their ratio, and the target.
/// A figure that could not be measured has no value and says why in <see cref="Note"/>.
/// </summary>
public sealed record Figure(
    string Group,
    string Name,
    string Unit,
    double? Ours,
    double? Baseline = null,
    string? BaselineName = null,
    Target? Target = null,
    string? Note = null)
{
    public double? Ratio => Ours is { } ours && Baseline is { } baseline && baseline != 0 ? ours / baseline : null;

    /// <summary>Null when the figure has no target or no value.</summary>
    public bool? Met => Target is { } target && Ours is { } ours ? target.IsMetBy(ours, Ratio) : null;

    public static Figure Failed(string group, string name, string unit, string why, Target? target = null) =>
        new(group, name, unit, null, Target: target, Note: why);
}
