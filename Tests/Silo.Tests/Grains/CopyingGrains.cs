using System.Collections.Immutable;

namespace Silo.Tests.Grains;

public sealed record Tag(string Name, int Weight);

public sealed record Basket(string Owner, ImmutableList<Tag> Tags);

public sealed class MutableBox
{
    public List<int> Items { get; set; } = [];
}

public interface IHolderGrain : IGrainWithStringKey
{
    Task Keep(List<int> items);

    Task<List<int>> Items();

    Task<MutableBox> Box();

    Task<int> BoxCount();

    Task<Basket> KeepBasket(Basket basket);

    Task<bool> HoldsSameBasket(Basket basket);
}

/// <summary>Keeps what it is given, to show that callers can never reach into its state.</summary>
public sealed class HolderGrain : Grain, IHolderGrain
{
    List<int> _items = [];
    readonly MutableBox _box = new() { Items = [1, 2, 3] };
    Basket? _basket;

    public Task Keep(List<int> items)
    {
        _items = items;
        return Task.CompletedTask;
    }

    public Task<List<int>> Items() => Task.FromResult(_items);

    public Task<MutableBox> Box() => Task.FromResult(_box);

    public Task<int> BoxCount() => Task.FromResult(_box.Items.Count);

    public Task<Basket> KeepBasket(Basket basket)
    {
        _basket = basket;
        return Task.FromResult(basket);
    }

    public Task<bool> HoldsSameBasket(Basket basket) => Task.FromResult(ReferenceEquals(_basket, basket));
}
