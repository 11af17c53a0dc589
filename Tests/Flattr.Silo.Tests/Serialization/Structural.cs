using System.Collections;
using System.Reflection;

namespace Flattr.Silo.Tests.Serialization;

/// <summary>
/// Compares two objects by value, member by member: public properties of classes and records (so immutable arrays compare
/// by their elements, not by reference), the message and the type's own properties of exceptions, sequences element by
/// element, a date's offset as well as its instant.
/// </summary>
public static class Structural
{
    /// <summary>The paths where <paramref name="actual"/> differs from <paramref name="expected"/>; empty when they are equal.</summary>
    public static IReadOnlyList<string> Differences(object? expected, object? actual, string path)
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences, 0);
        return differences;
    }

    static void Compare(object? expected, object? actual, string path, List<string> differences, int depth)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            }

            return;
        }

        var type = expected.GetType();
        if (actual.GetType() != type)
        {
            differences.Add($"{path}: expected a {type.Name}, got a {actual.GetType().Name}");
            return;
        }

        if (depth > 16)
        {
            differences.Add($"{path}: nested too deep to compare");
            return;
        }

        switch (expected)
        {
            case DateTimeOffset instant:
                if (instant.UtcTicks != ((DateTimeOffset)actual).UtcTicks || instant.Offset != ((DateTimeOffset)actual).Offset)
                {
                    differences.Add($"{path}: expected {instant:O}, got {(DateTimeOffset)actual:O}");
                }

                return;
            case string or Uri:
                Equal(expected, actual, path, differences);
                return;
            case Exception exception:
                Equal(exception.Message, ((Exception)actual).Message, path + ".Message", differences);
                Properties(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly), expected, actual, path, differences, depth);
                return;
            case IEnumerable sequence:
                var left = sequence.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                if (left.Count != right.Count)
                {
                    differences.Add($"{path}: expected {left.Count} elements, got {right.Count}");
                    return;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    Compare(left[i], right[i], $"{path}[{i}]", differences, depth + 1);
                }

                return;
        }

        if (type.IsValueType)
        {
            Equal(expected, actual, path, differences);
            return;
        }

        Properties(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), expected, actual, path, differences, depth);
    }

    static void Properties(PropertyInfo[] properties, object expected, object actual, string path, List<string> differences, int depth)
    {
        foreach (var property in properties.Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0))
        {
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences, depth + 1);
        }
    }

    static void Equal(object expected, object actual, string path, List<string> differences)
    {
        if (!expected.Equals(actual))
        {
            differences.Add($"{path}: expected {expected}, got {actual}");
        }
    }
}
