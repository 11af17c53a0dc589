using System.Globalization;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// What this test run did, for the closing report: requests sent (HTTP and hub invocations), faults injected (process kills,
/// database restarts, cut connections) and invariant checks passed (ledger audits, "nothing lost", "nothing changed").
/// The totals are written to <c>test-artifacts/faults/tally.txt</c> when the test process exits.
/// </summary>
public static class Tally
{
    static long _requests;
    static long _faults;
    static long _checks;

    static Tally() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();

    public static long Requests => Interlocked.Read(ref _requests);

    public static long Faults => Interlocked.Read(ref _faults);

    public static long Checks => Interlocked.Read(ref _checks);

    public static void Request() => Interlocked.Increment(ref _requests);

    public static void Fault() => Interlocked.Increment(ref _faults);

    public static void Check(long count = 1) => Interlocked.Add(ref _checks, count);

    public static string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"requests sent: {Requests}, faults injected: {Faults}, invariant checks passed: {Checks}");

    static void Write()
    {
        try
        {
            File.WriteAllText(Path.Combine(Repository.Artifacts("."), "tally.txt"), Summary() + Environment.NewLine);
        }
        catch (IOException)
        {
            // The tally is a report, never a reason to fail a run.
        }
    }
}
