using Orleans;

namespace Flattr.Silo.Tests.TestGrains;

/// <summary>Takes and returns anything: what crosses is whatever Orleans can copy and serialize.</summary>
[Alias("Flattr.Silo.Tests.IEchoGrain")]
public interface IEchoGrain : IGrainWithGuidKey
{
    /// <summary>The full name of the argument's type as the grain received it.</summary>
    Task<string> TypeOf(object value);

    /// <summary>Answers with a value Orleans has no codec for.</summary>
    Task<object> MakePayloadWithoutCodec(int number);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> TypeOf(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Task.FromResult(value.GetType().FullName ?? value.GetType().Name);
    }

    public Task<object> MakePayloadWithoutCodec(int number) => Task.FromResult<object>(new PayloadWithoutCodec(number));
}

/// <summary>A type Orleans has neither a copier nor a codec for: no [GenerateSerializer], no surrogate, no external serializer.</summary>
public sealed class PayloadWithoutCodec(int number)
{
    public int Number { get; } = number;
}

/// <summary>Immutable, so Orleans passes it without copying; it still has no codec to cross the wire with.</summary>
[Immutable]
public sealed class ImmutablePayloadWithoutCodec(int number)
{
    public int Number { get; } = number;
}
