// The benchmark command. bash .ci/bench builds everything in Release, starts the private PostgreSQL and runs:
//   dotnet Flattr.Benchmarks.dll run --repo DIR --build DIR --out DIR [--quick] [--only clicks,reads,live,settlement,memory,grains,cluster,search] [--connections 16,64,256]
// The memory and grain-call figures run in fresh processes of their own, each hosting an Orleans silo:
//   dotnet Flattr.Benchmarks.dll thing-memory COUNT
//   dotnet Flattr.Benchmarks.dll grain-calls CALLS_PER_ROUND
using System.Globalization;
using System.Runtime.InteropServices;
using Flattr.Benchmarks;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Scenarios;

// Ctrl+C or a SIGTERM (e.g. from `timeout`) cancels the run, which then stops every process it started.
using var stop = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

try
{
    return args switch
    {
        ["run", .. var rest] => await BenchmarkRun.RunAsync(BenchSettings.Parse(rest), stop.Token),
        ["thing-memory", var count] => await ThingMemory.MeasureAsync(int.Parse(count, CultureInfo.InvariantCulture), Console.Out, stop.Token),
        ["grain-calls", var calls] => await GrainCalls.MeasureAsync(int.Parse(calls, CultureInfo.InvariantCulture), Console.Out, stop.Token),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return Usage();
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled; every process it started is stopped");
    return 130;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Flattr.Benchmarks run --repo DIR --build DIR --out DIR [--quick] [--only clicks,reads,live,settlement,memory,grains,cluster,search] [--connections 16,64,256]");
    Console.Error.WriteLine("       Flattr.Benchmarks thing-memory COUNT");
    Console.Error.WriteLine("       Flattr.Benchmarks grain-calls CALLS_PER_ROUND");
    return 2;
}
