using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class MessagingTests
{
    [Fact]
    public async Task A_method_slower_than_its_ResponseTimeout_raises_TimeoutException_in_the_caller()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ISlowGrain>("slow");

        var error = await Assert.ThrowsAsync<TimeoutException>(grain.SlowerThanItsTimeout);

        Assert.Contains("ISlowGrain.SlowerThanItsTimeout", error.Message, StringComparison.Ordinal);
        silo.Probe.Set("finish:slow");
    }

    [Fact]
    public async Task The_default_response_timeout_runs_on_the_silo_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(30), timeProvider: time);
        var grain = silo.Grains.GetGrain<ISlowGrain>("clock");

        var call = grain.WaitForFinish();
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
        silo.Probe.Set("finish:clock");
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_and_the_activation_stays_alive()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("faulty");
        await grain.Increment();
        var activation = await grain.GetActivationId();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Fail("bad input"));

        Assert.Equal("bad input", error.Message);
        Assert.Equal(activation, await grain.GetActivationId());
        Assert.Equal(2, await grain.Increment());
    }

    [Fact]
    public async Task OneWay_call_returns_before_the_grain_has_finished()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ISlowGrain>("oneway");

        await grain.FireAndForget();
        Assert.Equal(0, silo.Probe.Count("fired:oneway"));

        silo.Probe.Set("finish:oneway");
        await silo.Probe.WaitForCountAsync("fired:oneway", 1);
    }

    [Fact]
    public async Task RequestContext_flows_into_grain_calls_and_on_to_the_calls_they_make()
    {
        await using var silo = await TestSilo.StartAsync();
        var first = silo.Grains.GetGrain<ISlowGrain>("context-1");
        var second = silo.Grains.GetGrain<ISlowGrain>("context-2");

        RequestContext.Set("trace", "abc-123");
        try
        {
            Assert.Equal("abc-123", await first.ReadRequestContext("trace"));
            Assert.Equal("abc-123", await first.ReadRequestContextThrough(second, "trace"));
        }
        finally
        {
            RequestContext.Remove("trace");
        }

        Assert.Null(await first.ReadRequestContext("trace"));
    }
}
