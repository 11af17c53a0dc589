using System.Globalization;

namespace Silo.Concurrency;

/// <summary>Overrides the idle age after which activations of this grain class are collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute(string age) : Attribute
{
    public TimeSpan Age { get; } = TimeSpan.Parse(age, CultureInfo.InvariantCulture);
}
