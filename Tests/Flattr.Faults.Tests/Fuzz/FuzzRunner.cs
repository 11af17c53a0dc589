using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// Sends fuzzed requests one at a time and checks each: never a 5xx, never a dropped connection, and a request the app
/// rejected leaves the state fingerprint (every table) exactly as it was. Collects every violation with its request, so a
/// run reports them all with the seed that replays them.
/// </summary>
/// <param name="bookkeeping">Tables a refused request may write by design (e.g. the API's kept answers per idempotency key).</param>
public sealed class FuzzRunner(FaultsApp app, FuzzValues values, ITestOutputHelper output, params string[] bookkeeping)
{
    readonly List<string> _violations = [];
    StateFingerprint? _state;
    int _sent;
    int _rejected;

    public FuzzValues Values => values;

    /// <summary>
    /// Sends one request; <paramref name="rejected"/> says whether the app refused it (only then must nothing change).
    /// A request that must never change anything (a GET, a sign-in) passes <c>_ => Task.FromResult(true)</c>.
    /// </summary>
    public async Task SendAsync(string description, Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<bool>> rejected)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(rejected);
        _state ??= await app.FingerprintAsync(bookkeeping);
        _sent++;
        try
        {
            using var response = await send();
            if ((int)response.StatusCode >= 500)
            {
                Violation($"{Short(description)}: {(int)response.StatusCode} {Short(await response.Content.ReadAsStringAsync())}");
            }

            var refused = await rejected(response);
            var after = await app.FingerprintAsync(bookkeeping);
            if (refused)
            {
                _rejected++;
                if (after != _state)
                {
                    Violation($"{Short(description)}: refused with {(int)response.StatusCode} but changed {Changed(_state, after)}");
                }
            }

            _state = after;
        }
        catch (HttpRequestException e)
        {
            Violation($"{Short(description)}: the connection failed ({e.Message})");
            _state = await app.FingerprintAsync(bookkeeping);
        }
    }

    /// <summary>Any check of the test's own (e.g. an open redirect) counts as a violation with the seed.</summary>
    public void Violation(string what) => _violations.Add(what);

    /// <summary>Reports the counts, then fails with every violation and the seed when there was one.</summary>
    public void AssertClean()
    {
        output.WriteLine($"seed {values.Seed}: {_sent} fuzzed requests, {_rejected} refused, {_violations.Count} violations");
        Assert.True(_violations.Count == 0,
            $"seed {values.Seed} (set FLATTR_FUZZ_SEED to replay): {_violations.Count} violations{Environment.NewLine}" +
            string.Join(Environment.NewLine, _violations.Take(30)));
        Tally.Check(_sent);
    }

    /// <summary>FLATTR_FUZZ_SEED when set (to replay a failure), else the test's own fixed seed.</summary>
    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("FLATTR_FUZZ_SEED"), out var seed) ? seed : fallback;

    /// <summary>Forms answer 200 with their errors, or 400/404; success is a redirect.</summary>
    public static Task<bool> RefusedUnlessRedirect(HttpResponseMessage response) =>
        Task.FromResult(response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther));

    public static Task<bool> RefusedUnlessSuccess(HttpResponseMessage response) => Task.FromResult(!response.IsSuccessStatusCode);

    public static Task<bool> NeverChanges(HttpResponseMessage response) => Task.FromResult(true);

    static string Changed(StateFingerprint before, StateFingerprint after)
    {
        var old = before.Text.Split('\n').ToHashSet();
        return string.Join(", ", after.Text.Split('\n').Where(l => !old.Contains(l)).Select(l => l.Split(':')[0]));
    }

    static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
