using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace Flattr.Silo.Tests.Serialization;

/// <summary>
/// Every message of the grain interfaces crosses Orleans intact. The messages are found by reflection (every type of
/// Flattr.Grains.Interfaces carrying [GenerateSerializer]), so a new one is tested the day it is written; each is built
/// populated and must come back equal, member by member, from Orleans' serializer and from its deep copier.
/// </summary>
public sealed class MessageSerializationTests(MessageSerializationTests.Codecs codecs) : IClassFixture<MessageSerializationTests.Codecs>
{
    static readonly Assembly s_interfaces = typeof(Month).Assembly;

    /// <summary>Orleans' serializer and deep copier with the codecs generated for the interfaces assembly.</summary>
    public sealed class Codecs : IDisposable
    {
        readonly ServiceProvider _services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(s_interfaces)).BuildServiceProvider();

        public Serializer Serializer => _services.GetRequiredService<Serializer>();

        public DeepCopier Copier => _services.GetRequiredService<DeepCopier>();

        public void Dispose() => _services.Dispose();
    }

    public static TheoryData<string> Messages { get; } =
        [.. s_interfaces.GetTypes().Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null).Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_round_trips_through_the_serializer_and_the_deep_copier_with_every_value_kept(string message)
    {
        var type = s_interfaces.GetType(message, throwOnError: true)!;
        var sample = new Samples().Create(type);
        var deserialized = codecs.Serializer.Deserialize<object>(codecs.Serializer.SerializeToArray<object>(sample));
        var copied = codecs.Copier.Copy<object>(sample);

        Assert.Empty(Structural.Differences(sample, deserialized, "deserialized " + type.Name));
        Assert.Empty(Structural.Differences(sample, copied, "copied " + type.Name));
    }

    [Fact]
    public void Every_type_a_grain_interface_takes_or_returns_has_an_Orleans_codec()
    {
        // The codecs a real cluster client has (grain references and observers included); built, never started.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering());
        using var host = builder.Build();
        var serializer = host.Services.GetRequiredService<Serializer>();

        var grainInterfaces = s_interfaces.GetTypes().Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)).ToList();
        var missing =
            from grainInterface in grainInterfaces
            from method in grainInterface.GetMethods()
            from type in method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType).SelectMany(Carried).Distinct()
            where !serializer.CanSerialize(type)
            select $"{grainInterface.Name}.{method.Name}: {Samples.Describe(type)}";

        Assert.NotEmpty(grainInterfaces);
        Assert.False(serializer.CanSerialize(typeof(TestGrains.PayloadWithoutCodec)), "the check tells a type without a codec");
        Assert.Empty(missing);
    }

    /// <summary>The types whose values travel in a parameter or result of this type: itself, or what a task, array or generic carries.</summary>
    static IEnumerable<Type> Carried(Type type)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return [];
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return Carried(type.GetGenericArguments()[0]);
        }

        var nested = type.IsArray ? Carried(type.GetElementType()!) : type.GetGenericArguments().SelectMany(Carried);
        return nested.Prepend(type);
    }
}
