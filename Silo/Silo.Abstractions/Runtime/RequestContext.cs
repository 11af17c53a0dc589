using System.Collections.Immutable;

namespace Silo;

/// <summary>Key/value pairs that flow with a call chain into every grain call it makes (trace ids, culture).</summary>
public static class RequestContext
{
    static readonly AsyncLocal<ImmutableDictionary<string, object>?> s_values = new();

    public static object? Get(string key) => s_values.Value is { } values && values.TryGetValue(key, out var value) ? value : null;

    public static void Set(string key, object value) => s_values.Value = (s_values.Value ?? ImmutableDictionary<string, object>.Empty).SetItem(key, value);

    public static void Remove(string key) => s_values.Value = s_values.Value?.Remove(key);

    /// <summary>The whole bag, for the runtime to carry across a call.</summary>
    public static ImmutableDictionary<string, object>? Export() => s_values.Value;

    public static void Import(ImmutableDictionary<string, object>? values) => s_values.Value = values;
}
