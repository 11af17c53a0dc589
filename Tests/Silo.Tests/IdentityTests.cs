using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Extensions.DependencyInjection;
using Silo.Hosting;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class IdentityTests
{
    [Fact]
    public async Task String_guid_integer_and_compound_keys_reach_grains_that_know_their_key()
    {
        await using var silo = await TestSilo.StartAsync();
        var guid = Guid.NewGuid();

        Assert.Equal("string abc", await silo.Grains.GetGrain<IStringKeyEchoGrain>("abc").Describe());
        Assert.Equal($"guid {guid}", await silo.Grains.GetGrain<IGuidKeyEchoGrain>(guid).Describe());
        Assert.Equal("integer -7", await silo.Grains.GetGrain<IIntegerKeyEchoGrain>(-7).Describe());
        Assert.Equal($"guid {guid} + ext", await silo.Grains.GetGrain<IGuidCompoundKeyEchoGrain>(guid, "ext").Describe());
        Assert.Equal("integer 7 + ext", await silo.Grains.GetGrain<IIntegerCompoundKeyEchoGrain>(7, "ext").Describe());
        Assert.Equal(5, silo.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task All_digit_string_key_and_equal_integer_key_are_distinct_grains_with_distinct_storage_keys()
    {
        await using var silo = await TestSilo.StartAsync();
        var stringGrain = silo.Grains.GetGrain<IStringKeyEchoGrain>("42");
        var integerGrain = silo.Grains.GetGrain<IIntegerKeyEchoGrain>(42);
        var paddedGrain = silo.Grains.GetGrain<IStringKeyEchoGrain>("042");

        Assert.Equal("string 42", await stringGrain.Describe());
        Assert.Equal("integer 42", await integerGrain.Describe());
        Assert.Equal("string 042", await paddedGrain.Describe());

        Assert.NotEqual(stringGrain.GetGrainId(), integerGrain.GetGrainId());
        Assert.NotEqual(stringGrain.GetGrainId(), paddedGrain.GetGrainId());
        Assert.Equal(3, silo.Diagnostics.ActivationCount);
        Assert.Equal(3, silo.Storage.Count);
        Assert.True(silo.Storage.TryGetState<EchoState>("echo", stringGrain.GetGrainId(), out var stringState, out _));
        Assert.True(silo.Storage.TryGetState<EchoState>("echo", integerGrain.GetGrainId(), out var integerState, out _));
        Assert.Equal("string 42", stringState!.Key);
        Assert.Equal("integer 42", integerState!.Key);
    }

    [Fact]
    public async Task Grain_type_is_the_class_name_without_Grain_suffix_unless_pinned_by_GrainType()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal("NamedByConvention", await silo.Grains.GetGrain<INamedByConventionGrain>("x").TypeName());
        Assert.Equal("pinned-name", await silo.Grains.GetGrain<INamedByAttributeGrain>("x").TypeName());
        Assert.Equal("pinned-name/s:x", silo.Grains.GetGrain<INamedByAttributeGrain>("x").GetGrainId().ToString());
    }

    [Fact]
    public async Task GetGrain_through_an_interface_of_two_classes_names_both()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<ISharedGrain>("x"));

        Assert.Contains(nameof(FirstSharedGrain), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SecondSharedGrain), error.Message, StringComparison.Ordinal);
        await silo.Grains.GetGrain<IFirstSharedGrain>("x").Ping();
    }

    [Fact]
    public void Startup_fails_clearly_when_a_grain_interface_method_is_not_asynchronous()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BadGrains"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("BadGrains")
            .DefineType("BadGrains.ISynchronousGrain", TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
        type.AddInterfaceImplementation(typeof(IGrainWithStringKey));
        type.DefineMethod(
            "Count",
            MethodAttributes.Public | MethodAttributes.Abstract | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(int),
            Type.EmptyTypes);
        type.CreateType();
        using var services = new ServiceCollection().AddSilo(o => o.AddGrainAssembly(assembly)).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IGrainFactory>());

        Assert.Contains("BadGrains.ISynchronousGrain.Count returns System.Int32", error.Message, StringComparison.Ordinal);
        Assert.Contains("must return Task, Task<T>, ValueTask or ValueTask<T>", error.Message, StringComparison.Ordinal);
    }
}
