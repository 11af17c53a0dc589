namespace Silo.Tests.Grains;

public interface IChainGrain : IGrainWithIntegerKey
{
    /// <summary>Calls the next grain of the chain until <paramref name="remaining"/> is 0; returns how many grains it passed.</summary>
    Task<int> Pass(int remaining);

    /// <summary>Whether the next grain's answer was there as soon as the call returned, before this turn awaited it.</summary>
    Task<bool> NextAnsweredAtOnce();

    Task<int> Answer();

    /// <summary>Calls the shared turn-checking grain from inside this grain.</summary>
    Task Relay(ITurnCheckingGrain target);
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<int> Pass(int remaining) =>
        remaining == 0 ? 1 : 1 + await GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyLong() + 1).Pass(remaining - 1);

    public async Task<bool> NextAnsweredAtOnce()
    {
        var answer = GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyLong() + 1).Answer();
        var atOnce = answer.IsCompleted;
        await answer;
        return atOnce;
    }

    public Task<int> Answer() => Task.FromResult(42);

    public Task Relay(ITurnCheckingGrain target) => target.IncrementAcrossAwaits();
}
