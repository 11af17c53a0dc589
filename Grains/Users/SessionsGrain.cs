using Orleans;
using Orleans.Concurrency;

namespace Flattr.Users;

/// <summary>
/// Sessions in PostgreSQL, so any node validates any session and ending one holds on every node. Holds no state:
/// local activations ([StatelessWorker]) serve the validations side by side.
/// </summary>
[StatelessWorker]
public sealed class SessionsGrain(SessionStore sessions, TimeProvider time) : Grain, ISessionsGrain
{
    /// <summary>A session unused this long ends (the cookie's sliding lifetime is the same).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(14);

    public async Task<string> Start(long userId)
    {
        var id = SecretTokens.Create();
        var now = time.GetUtcNow();
        await sessions.InsertAsync(SecretTokens.Hash(id), userId, now, now - IdleLifetime, CancellationToken.None);
        return id;
    }

    public Task<long?> Validate(string sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return Task.FromResult<long?>(null);
        }

        var now = time.GetUtcNow();
        return sessions.ValidateAsync(SecretTokens.Hash(sessionId), now, now - IdleLifetime, CancellationToken.None);
    }

    public Task End(string sessionId) =>
        string.IsNullOrEmpty(sessionId) ? Task.CompletedTask : sessions.DeleteAsync(SecretTokens.Hash(sessionId), CancellationToken.None);

    public Task<int> EndAll(long userId) => sessions.DeleteAllAsync(userId, CancellationToken.None);
}
