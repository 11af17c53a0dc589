using System.Collections.Immutable;
using Orleans;

namespace Flattr;

/// <summary>
/// A Flattr rule said no. <see cref="Code"/> is one of <see cref="FlattrErrors"/> (Flattr API v2 names) and travels
/// unchanged from the grain to the HTTP error body; <see cref="Exception.Message"/> is the human description.
/// Grains throw it before changing anything, so a rejected call leaves no trace in the ledger.
/// </summary>
[GenerateSerializer, Alias("Flattr.FlattrException")]
public sealed class FlattrException : Exception
{
    public FlattrException(string code, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    public FlattrException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    public FlattrException()
        : this(FlattrErrors.InvalidParameters, "The request is not valid.")
    {
    }

    public FlattrException(string message)
        : this(FlattrErrors.InvalidParameters, message)
    {
    }

    [Id(0)]
    public string Code { get; }

    /// <summary>For an amount out of range, the rule it broke (one of <see cref="AmountRules"/>); null otherwise.</summary>
    [Id(1)]
    public string? AmountRule { get; init; }

    /// <summary>The amounts in cents that <see cref="AmountRule"/> names (its limits, then the amount given).</summary>
    [Id(2)]
    public ImmutableArray<long> Amounts { get; init; } = [];

    public override string ToString() => $"{Code}: {base.ToString()}";
}
