using Silo.Persistence;

namespace Silo.Tests.Grains;

public interface IStringKeyEchoGrain : IGrainWithStringKey
{
    Task<string> Describe();
}

public interface IIntegerKeyEchoGrain : IGrainWithIntegerKey
{
    Task<string> Describe();
}

public interface IGuidKeyEchoGrain : IGrainWithGuidKey
{
    Task<string> Describe();
}

public interface IGuidCompoundKeyEchoGrain : IGrainWithGuidCompoundKey
{
    Task<string> Describe();
}

public interface IIntegerCompoundKeyEchoGrain : IGrainWithIntegerCompoundKey
{
    Task<string> Describe();
}

public sealed class EchoState
{
    public string? Key { get; set; }
}

/// <summary>One class behind every key shape, so that only the key tells grains apart. Stores what it saw.</summary>
public sealed class KeyEchoGrain([PersistentState("echo")] IPersistentState<EchoState> state)
    : Grain, IStringKeyEchoGrain, IIntegerKeyEchoGrain, IGuidKeyEchoGrain, IGuidCompoundKeyEchoGrain, IIntegerCompoundKeyEchoGrain
{
    public async Task<string> Describe()
    {
        var key = GrainId.Key;
        var description = key.Kind switch
        {
            GrainKeyKind.String => $"string {this.GetPrimaryKeyString()}",
            GrainKeyKind.Integer => $"integer {this.GetPrimaryKeyLong()}",
            GrainKeyKind.Guid => $"guid {this.GetPrimaryKey()}",
            GrainKeyKind.GuidCompound => $"guid {this.GetPrimaryKey(out var ext)} + {ext}",
            _ => $"integer {this.GetPrimaryKeyLong(out var ext)} + {ext}",
        };
        state.State.Key = description;
        await state.WriteStateAsync();
        return description;
    }
}

public interface INamedByConventionGrain : IGrainWithStringKey
{
    Task<string> TypeName();
}

public sealed class NamedByConventionGrain : Grain, INamedByConventionGrain
{
    public Task<string> TypeName() => Task.FromResult(GrainId.Type.Name);
}

public interface INamedByAttributeGrain : IGrainWithStringKey
{
    Task<string> TypeName();
}

[GrainType("pinned-name")]
public sealed class NamedByAttributeGrain : Grain, INamedByAttributeGrain
{
    public Task<string> TypeName() => Task.FromResult(GrainId.Type.Name);
}

/// <summary>Implemented by two classes on purpose: GetGrain through it must fail clearly.</summary>
public interface ISharedGrain : IGrainWithStringKey
{
    Task Ping();
}

public interface IFirstSharedGrain : ISharedGrain;

public interface ISecondSharedGrain : ISharedGrain;

public sealed class FirstSharedGrain : Grain, IFirstSharedGrain
{
    public Task Ping() => Task.CompletedTask;
}

public sealed class SecondSharedGrain : Grain, ISecondSharedGrain
{
    public Task Ping() => Task.CompletedTask;
}
