using System.Collections.Immutable;
using Silo.Concurrency;
using Silo.Runtime.Copying;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class CopyingTests
{
    [Fact]
    public async Task Mutating_a_list_after_passing_it_never_changes_grain_state()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IHolderGrain>("list");
        var items = new List<int> { 1, 2 };

        await grain.Keep(items);
        items.Add(3);
        items[0] = 100;

        Assert.Equal([1, 2], await grain.Items());
    }

    [Fact]
    public async Task Mutating_a_returned_object_never_changes_grain_state()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IHolderGrain>("box");

        var box = await grain.Box();
        box.Items.Clear();
        var items = await grain.Items();
        items.Add(5);

        Assert.Equal(3, await grain.BoxCount());
        Assert.Empty(await grain.Items());
    }

    [Fact]
    public async Task Immutable_records_pass_by_reference()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IHolderGrain>("record");
        var basket = new Basket("ann", [new Tag("a", 1), new Tag("b", 2)]);

        var returned = await grain.KeepBasket(basket);

        Assert.Same(basket, returned);
        Assert.True(await grain.HoldsSameBasket(basket));
    }

    [Fact]
    public void Immutability_rules_share_only_what_cannot_change()
    {
        Assert.True(TypeImmutability.IsImmutable(typeof(Basket)));
        Assert.True(TypeImmutability.IsImmutable(typeof(ImmutableList<Tag>)));
        Assert.True(TypeImmutability.IsImmutable(typeof(ImmutableArray<int>)));
        Assert.True(TypeImmutability.IsImmutable(typeof(MarkedImmutable)));
        Assert.True(TypeImmutability.IsImmutable(typeof(GrainId)));
        Assert.True(TypeImmutability.IsImmutable(typeof(DateTimeOffset)));
        Assert.True(TypeImmutability.IsImmutable(typeof(ValueTuple<int, string>)));
        Assert.True(TypeImmutability.IsImmutable(typeof(Chain)));

        Assert.False(TypeImmutability.IsImmutable(typeof(List<int>)));
        Assert.False(TypeImmutability.IsImmutable(typeof(int[])));
        Assert.False(TypeImmutability.IsImmutable(typeof(RecordWithList)));
        Assert.False(TypeImmutability.IsImmutable(typeof(RecordWithSetter)));
        Assert.False(TypeImmutability.IsImmutable(typeof(ImmutableList<List<int>>)));
        Assert.False(TypeImmutability.IsImmutable(typeof(MutableBox)));
    }

    [Fact]
    public void Deep_copies_preserve_shared_objects_and_cycles()
    {
        var shared = new MutableBox { Items = [1] };
        var node = new Node { Box = shared, Other = shared };
        node.Self = node;

        var copy = DeepCopier.Copy(node)!;

        Assert.NotSame(node, copy);
        Assert.Same(copy, copy.Self);
        Assert.NotSame(shared, copy.Box);
        Assert.Same(copy.Box, copy.Other);
        Assert.Equal([1], copy.Box!.Items);
    }

    [Fact]
    public void Deep_copies_reach_into_dictionaries_arrays_and_records_with_mutable_members()
    {
        var original = new RecordWithList("r", [1, 2]);
        var dictionary = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase) { ["a"] = [1] };
        var array = new[] { new MutableBox { Items = [9] } };

        var recordCopy = DeepCopier.Copy(original)!;
        var dictionaryCopy = DeepCopier.Copy(dictionary)!;
        var arrayCopy = DeepCopier.Copy(array)!;
        original.Items.Add(3);
        dictionary["A"].Add(2);
        array[0].Items.Add(10);

        Assert.Equal([1, 2], recordCopy.Items);
        Assert.Equal([1], dictionaryCopy["A"]);
        Assert.Equal([9], arrayCopy[0].Items);
    }

    [Immutable]
    sealed class MarkedImmutable
    {
        public int Value { get; set; }
    }

    sealed record Chain(int Value, Chain? Next);

    sealed record RecordWithList(string Name, List<int> Items);

    sealed record RecordWithSetter(string Name)
    {
        public int Count { get; set; }
    }

    sealed class Node
    {
        public MutableBox? Box { get; set; }

        public MutableBox? Other { get; set; }

        public Node? Self { get; set; }
    }
}
