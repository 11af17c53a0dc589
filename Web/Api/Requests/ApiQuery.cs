using System.Collections.Immutable;
using System.Globalization;

namespace Flattr.Web.Api.Requests;

/// <summary>Query parameters the way Flattr API v2 read them.</summary>
public static class ApiQuery
{
    /// <summary>Flattr's <c>full</c> flag (<c>?full</c>, <c>?full=1</c>): expand nested owners to full user objects.</summary>
    public static bool Full(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.TryGetValue("full", out var value))
        {
            return false;
        }

        return value.ToString().Trim().ToLowerInvariant() is not ("0" or "false" or "no");
    }

    /// <summary>A single-valued text parameter, trimmed; null when absent or empty.</summary>
    public static string? Text(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Query[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>A comma-separated list parameter (Flattr's <c>language=en_GB,de_DE</c>), each value checked.</summary>
    public static ImmutableArray<string> List(HttpRequest request, string name, Func<string, bool> isValid)
    {
        ArgumentNullException.ThrowIfNull(isValid);
        var values = (Text(request, name) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var value in values)
        {
            if (!isValid(value))
            {
                throw new FlattrException(FlattrErrors.InvalidParameters, $"'{value}' is not a valid {name}.");
            }
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Parses a comma-separated list of thing ids (<c>/things/1,2,3</c>); null when it is not one.</summary>
    public static ImmutableArray<long>? ThingIds(string text)
    {
        var parts = (text ?? string.Empty).Split(',');
        var ids = ImmutableArray.CreateBuilder<long>(parts.Length);
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.MoveToImmutable();
    }
}
