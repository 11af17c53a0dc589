using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Flattr.Silo.Tests.Serialization;

/// <summary>
/// Populated sample instances of message types, built by reflection: a record through its primary constructor, every
/// argument a distinct, non-default value (strings, numbers, enums, <see cref="Month"/>, dates, immutable arrays of two
/// elements, nested messages; nullable ones filled too). A type it cannot build fails with <see cref="SampleException"/>
/// naming the path to the member it stopped at.
/// </summary>
public sealed class Samples
{
    const int MaximumDepth = 8;

    int _next;

    public object Create(Type type) => Create(type, type.Name, 0)
        ?? throw new SampleException($"{type.Name}: no sample");

    object? Create(Type type, string path, int depth)
    {
        if (depth > MaximumDepth)
        {
            throw new SampleException($"{path}: nested deeper than {MaximumDepth} levels (a recursive type?)");
        }

        var n = ++_next;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Create(underlying, path, depth);
        }

        if (type.IsEnum)
        {
            // A defined value other than the first (usually the default), so that a dropped field shows.
            var values = Enum.GetValuesAsUnderlyingType(type);
            return Enum.ToObject(type, values.GetValue(values.Length > 1 ? 1 + (n % (values.Length - 1)) : 0)!);
        }

        if (Simple(type, n) is { } simple)
        {
            return simple;
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Create(element, path + "[0]", depth + 1), 0);
            array.SetValue(Create(element, path + "[1]", depth + 1), 1);
            return array;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(element, 2);
            items.SetValue(Create(element, path + "[0]", depth + 1), 0);
            items.SetValue(Create(element, path + "[1]", depth + 1), 1);
            return typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element)
                .Invoke(null, [items]);
        }

        if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition || typeof(IEnumerable).IsAssignableFrom(type))
        {
            throw new SampleException($"{path}: {Describe(type)} has no sample (abstract, an interface, open generic or a collection other than ImmutableArray<T> and T[])");
        }

        return Construct(type, path, depth);
    }

    /// <summary>Through the public constructor with the most parameters (a record's primary one); exceptions without an inner one.</summary>
    object Construct(Type type, string path, int depth)
    {
        var constructor = type.GetConstructors()
            .Where(c => !c.GetParameters().Any(p => p.ParameterType == type || typeof(Exception).IsAssignableFrom(p.ParameterType)))
            .MaxBy(c => c.GetParameters().Length)
            ?? throw new SampleException($"{path}: {Describe(type)} has no public constructor to build it with");
        var arguments = constructor.GetParameters().Select(p => Create(p.ParameterType, $"{path}.{p.Name}", depth + 1)).ToArray();
        object instance;
        try
        {
            instance = constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e)
        {
            throw new SampleException($"{path}: {Describe(type)}'s constructor refused the sample arguments: {e.InnerException?.Message}", e);
        }

        // Settable serialized members the constructor does not set.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetCustomAttribute<IdAttribute>() is not null
                && !constructor.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                property.SetValue(instance, Create(property.PropertyType, $"{path}.{property.Name}", depth + 1));
            }
        }

        return instance;
    }

    static object? Simple(Type type, int n) => type switch
    {
        _ when type == typeof(string) => "text " + n.ToString(CultureInfo.InvariantCulture),
        _ when type == typeof(bool) => true,
        _ when type == typeof(int) => n,
        _ when type == typeof(long) => 10_000_000_000L + n,
        _ when type == typeof(short) => (short)n,
        _ when type == typeof(byte) => (byte)n,
        _ when type == typeof(uint) => (uint)n,
        _ when type == typeof(ulong) => (ulong)n,
        _ when type == typeof(decimal) => n + 0.25m,
        _ when type == typeof(double) => n + 0.5,
        _ when type == typeof(float) => n + 0.5f,
        _ when type == typeof(char) => (char)('a' + (n % 26)),
        _ when type == typeof(Guid) => new Guid(n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 10, 12, 30, 15, TimeSpan.FromHours(1)).AddMinutes(n),
        _ when type == typeof(DateTime) => new DateTime(2026, 11, 10, 12, 30, 15, DateTimeKind.Utc).AddMinutes(n),
        _ when type == typeof(DateOnly) => new DateOnly(2026, 11, 1).AddDays(n % 28),
        _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(n),
        _ when type == typeof(Uri) => new Uri("https://example.org/" + n.ToString(CultureInfo.InvariantCulture)),
        _ when type == typeof(Month) => new Month(2026, 1 + (n % 12)),
        _ => null,
    };

    public static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;
}

public sealed class SampleException : Exception
{
    public SampleException(string message)
        : base(message)
    {
    }

    public SampleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SampleException()
    {
    }
}
