using Flattr.Silo.Tests.TestGrains;
using Flattr.Testing.Orleans;
using Orleans.Serialization;

namespace Flattr.Silo.Tests.Serialization;

/// <summary>
/// A grain call carrying a value Orleans cannot copy or serialize fails with <see cref="CodecNotFoundException"/> naming the
/// type, in whichever direction and at whichever step it fails; the same grain answers the next call over the same connection.
/// </summary>
public sealed class UnserializableValueTests(UnserializableValueTests.Cluster cluster) : IClassFixture<UnserializableValueTests.Cluster>
{
    public sealed class Cluster : FlattrClusterFixture
    {
        protected override short InitialSilosCount => 1;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Flattr:Settlement:StartMonthEndReminder", "false")];
    }

    IEchoGrain NewEcho() => cluster.GrainFactory.GetGrain<IEchoGrain>(Guid.NewGuid());

    [Fact]
    public async Task An_argument_without_a_copier_fails_the_call_naming_its_type_and_the_grain_keeps_serving()
    {
        var echo = NewEcho();
        Assert.Equal(typeof(string).FullName, await echo.TypeOf("before"));

        var error = await Assert.ThrowsAsync<CodecNotFoundException>(() => echo.TypeOf(new PayloadWithoutCodec(7)));

        Assert.Equal($"Could not find a copier for type {typeof(PayloadWithoutCodec).FullName}.", error.Message);
        await AssertServesAsync(echo);
    }

    [Fact]
    public async Task An_immutable_argument_without_a_codec_fails_the_call_when_serialized_naming_its_type_and_the_grain_keeps_serving()
    {
        var echo = NewEcho();
        Assert.Equal(typeof(string).FullName, await echo.TypeOf("before"));

        var error = await Assert.ThrowsAsync<CodecNotFoundException>(() => echo.TypeOf(new ImmutablePayloadWithoutCodec(7)));

        Assert.Equal($"Could not find a codec for type {typeof(ImmutablePayloadWithoutCodec).FullName}.", error.Message);
        await AssertServesAsync(echo);
    }

    [Fact]
    public async Task A_result_without_a_codec_reaches_the_caller_as_an_error_naming_its_type_and_the_grain_keeps_serving()
    {
        var echo = NewEcho();

        var error = await Assert.ThrowsAsync<CodecNotFoundException>(() => echo.MakePayloadWithoutCodec(7));

        Assert.Contains(typeof(PayloadWithoutCodec).FullName!, error.Message, StringComparison.Ordinal);
        await AssertServesAsync(echo);
    }

    static async Task AssertServesAsync(IEchoGrain echo)
    {
        Assert.Equal(typeof(string).FullName, await echo.TypeOf("still serving"));
        Assert.Equal(typeof(NoteView).FullName, await echo.TypeOf(new NoteView("a message with a codec", null, false, Guid.NewGuid())));
    }
}
