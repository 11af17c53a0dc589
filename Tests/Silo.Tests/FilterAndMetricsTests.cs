using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Silo.Filters;
using Silo.Hosting;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class FilterAndMetricsTests
{
    [Fact]
    public async Task Silo_filters_then_the_grain_filter_run_in_order_around_the_method_inside_the_turn()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s
            .AddSingleton<IIncomingGrainCallFilter>(sp => new RecordingFilter("outer", sp.GetRequiredService<GrainProbe>()))
            .AddSingleton<IIncomingGrainCallFilter>(sp => new RecordingFilter("inner", sp.GetRequiredService<GrainProbe>())));

        Assert.Equal("hello ann", await silo.Grains.GetGrain<IFilteredGrain>("f").Hello("ann"));

        Assert.Equal(
            ["outer-before Hello on-grain-scheduler", "inner-before Hello on-grain-scheduler", "grain-before", "method", "grain-after", "inner-after", "outer-after"],
            silo.Probe.Events);
    }

    [Fact]
    public async Task A_filter_sees_arguments_and_can_replace_the_result()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<IIncomingGrainCallFilter, ShoutingFilter>());

        Assert.Equal("HELLO BOB", await silo.Grains.GetGrain<IFilteredGrain>("shout").Hello("bob"));
        Assert.Equal(1, await silo.Grains.GetGrain<IFilteredGrain>("shout").Number());
    }

    [Fact]
    public async Task Calls_activations_and_latency_are_reported_on_the_Silo_meter()
    {
        await using var silo = await TestSilo.StartAsync();
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Silo" && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => measurements.AddOrUpdate(i.Name, value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => measurements.AddOrUpdate(i.Name + ".count", 1, (_, n) => n + 1));
        listener.SetMeasurementEventCallback<int>((i, value, _, _) => measurements[i.Name] = value);
        listener.Start();

        var grain = silo.Grains.GetGrain<ICounterGrain>("metered");
        for (var i = 0; i < 10; i++)
        {
            await grain.Increment();
        }

        await Assert.ThrowsAsync<ArgumentException>(() => grain.Fail("x"));
        listener.RecordObservableInstruments();

        Assert.Equal(11, measurements["silo.calls"]);
        Assert.Equal(1, measurements["silo.calls.failed"]);
        Assert.Equal(11, measurements["silo.call.duration.count"]);
        Assert.Equal(1, measurements["silo.activations"]);
        Assert.Equal(0, measurements["silo.queue.length"]);
    }

    sealed class RecordingFilter(string name, GrainProbe probe) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            var where = TaskScheduler.Current == TaskScheduler.Default ? "off-grain-scheduler" : "on-grain-scheduler";
            probe.Record($"{name}-before {context.MethodName} {where}");
            await context.Invoke();
            probe.Record($"{name}-after");
        }
    }

    sealed class ShoutingFilter : IIncomingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            await context.Invoke();
            if (context.Result is string text && context.Arguments is [string name])
            {
                Assert.Equal($"hello {name}", text);
                context.Result = text.ToUpperInvariant();
            }
        }
    }
}
