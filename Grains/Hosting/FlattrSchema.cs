using System.Reflection;

namespace Flattr.Hosting;

/// <summary>
/// What identifies the <c>flattr</c> migration module: every <c>Grains/Schema/NNNN_*.sql</c> script (users and things
/// 0001–0099, money 0100+, the API 0200+), embedded in <see cref="Assembly"/> under <see cref="ResourcePrefix"/>. The silo
/// host builds the module from these and applies it at start-up.
/// </summary>
public static class FlattrSchema
{
    public const string ModuleName = "flattr";

    /// <summary>The prefix of the scripts' manifest resource names (the file name follows it).</summary>
    public const string ResourcePrefix = "Flattr.Schema.";

    public static Assembly Assembly { get; } = typeof(FlattrSchema).Assembly;
}
