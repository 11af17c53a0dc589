using System.Collections.Concurrent;
using System.Net;

namespace Flattr.Faults.Tests.Support;

/// <summary>What became of one flattr request.</summary>
public enum ClickOutcome
{
    /// <summary>200: the app said the click is recorded.</summary>
    Acknowledged,

    /// <summary>A Flattr refusal (4xx with an error code): nothing recorded by this request.</summary>
    Refused,

    /// <summary>503 with a Flattr error body: the app could not record it now, the giver may retry.</summary>
    Unavailable,

    /// <summary>No answer (connection reset or refused): the click may or may not be recorded.</summary>
    NoAnswer,

    /// <summary>Anything else: a 500, a 503 without a Flattr error body or Retry-After. Never acceptable.</summary>
    ServerError,
}

public sealed record ClickAttempt(long GiverId, long ThingId, ClickOutcome Outcome, HttpStatusCode? Status, string? Code, DateTime At)
{
    public string? Body { get; init; }

    /// <summary>When the request was sent (<see cref="At"/> is when its answer came).</summary>
    public DateTime Sent { get; init; }
}

/// <summary>
/// Givers signed in through the real sign-in form, each clicking its things through the thing page's JSON flattr,
/// several at a time. Records every attempt's outcome; an observer may act (kill, restart) while the burst runs.
/// </summary>
public sealed class ClickBurst(IReadOnlyList<(WebSession Session, long GiverId, string Token)> givers) : IDisposable
{
    readonly ConcurrentQueue<ClickAttempt> _attempts = new();
    int _acknowledged;

    public IReadOnlyCollection<ClickAttempt> Attempts => _attempts;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>
    /// Signs each giver in and fetches its antiforgery token from a thing page. With <paramref name="ownAddresses"/> each giver
    /// connects from its own loopback address (127.0.1.x), as separate people do: behind a proxy the per-address limits count them apart.
    /// </summary>
    public static async Task<ClickBurst> SignInAsync(Uri app, IEnumerable<SeededUser> givers, long anyThing, bool ownAddresses = false)
    {
        var sessions = new List<(WebSession, long, string)>();
        foreach (var giver in givers)
        {
            var session = new WebSession(app, ownAddresses ? System.Net.IPAddress.Parse($"127.0.1.{sessions.Count + 1}") : null);
            using (var signIn = await session.PostFormAsync("/signin", "/signin",
                new() { ["Login"] = giver.Username, ["Password"] = Flattr.Web.Tests.Support.FlattrApp.Password }))
            {
                Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && session.HasSession,
                    $"{giver.Username} could not sign in: {(int)signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}");
            }

            sessions.Add((session, giver.Id, await session.TokenAsync($"/things/{anyThing}")));
        }

        return new ClickBurst(sessions);
    }

    /// <summary>
    /// Every giver clicks every thing (in a seeded order), <paramref name="perGiver"/> requests in flight per giver;
    /// <paramref name="pause"/> between a giver's requests spreads the burst out in time.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<long> things, int seed, int perGiver = 4, TimeSpan? pause = null)
    {
        await Task.WhenAll(givers.Select(async (giver, index) =>
        {
            var order = things.ToArray();
            new Random(seed + index).Shuffle(order);
            var queue = new ConcurrentQueue<long>(order);
            await Task.WhenAll(Enumerable.Range(0, perGiver).Select(async _ =>
            {
                while (queue.TryDequeue(out var thing))
                {
                    Record(await ClickAsync(giver.Session, giver.GiverId, giver.Token, thing));
                    if (pause is { } delay)
                    {
                        await Task.Delay(delay);
                    }
                }
            }));
        }));
    }

    /// <summary>
    /// As a patient client does: every giver clicks every thing and retries a click that got no answer or a 503 (after a short
    /// pause) until the app answers it for good, acknowledged or refused; gives up at <paramref name="deadline"/>.
    /// </summary>
    public async Task RunUntilAnsweredAsync(IReadOnlyList<long> things, int seed, DateTime deadline, int perGiver = 2, TimeSpan? pause = null)
    {
        await Task.WhenAll(givers.Select(async (giver, index) =>
        {
            var order = things.ToArray();
            new Random(seed + index).Shuffle(order);
            var queue = new ConcurrentQueue<long>(order);
            await Task.WhenAll(Enumerable.Range(0, perGiver).Select(async _ =>
            {
                while (queue.TryDequeue(out var thing))
                {
                    while (true)
                    {
                        var attempt = await ClickAsync(giver.Session, giver.GiverId, giver.Token, thing);
                        Record(attempt);
                        if (attempt.Outcome is ClickOutcome.Acknowledged or ClickOutcome.Refused or ClickOutcome.ServerError)
                        {
                            break;
                        }

                        Assert.True(DateTime.UtcNow < deadline, "the app did not recover before the deadline");
                        await Task.Delay(TimeSpan.FromMilliseconds(100));
                    }

                    if (pause is { } delay)
                    {
                        await Task.Delay(delay);
                    }
                }
            }));
        }));
    }

    public static async Task<ClickAttempt> ClickAsync(WebSession session, long giverId, string token, long thing)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sent = DateTime.UtcNow;
        try
        {
            using var response = await session.FlattrAsync(thing, token);
            var code = response.IsSuccessStatusCode ? null : await WebSession.ErrorCodeAsync(response);
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.OK => ClickOutcome.Acknowledged,
                HttpStatusCode.ServiceUnavailable when code is not null && response.Headers.RetryAfter is not null => ClickOutcome.Unavailable,
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError when code is not null => ClickOutcome.Refused,
                _ => ClickOutcome.ServerError,
            };
            return new ClickAttempt(giverId, thing, outcome, response.StatusCode, code, DateTime.UtcNow)
            {
                Body = outcome == ClickOutcome.ServerError ? await response.Content.ReadAsStringAsync() : null,
                Sent = sent,
            };
        }
        catch (HttpRequestException)
        {
            return new ClickAttempt(giverId, thing, ClickOutcome.NoAnswer, null, null, DateTime.UtcNow) { Sent = sent };
        }
        catch (TaskCanceledException)
        {
            return new ClickAttempt(giverId, thing, ClickOutcome.NoAnswer, null, null, DateTime.UtcNow) { Sent = sent };
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> clicks were acknowledged.</summary>
    public async Task WhenAcknowledgedAsync(int count)
    {
        while (Acknowledged < count)
        {
            await Task.Delay(2);
        }
    }

    public void Dispose()
    {
        foreach (var giver in givers)
        {
            giver.Session.Dispose();
        }
    }

    void Record(ClickAttempt attempt)
    {
        _attempts.Enqueue(attempt);
        if (attempt.Outcome == ClickOutcome.Acknowledged)
        {
            Interlocked.Increment(ref _acknowledged);
        }
    }
}
