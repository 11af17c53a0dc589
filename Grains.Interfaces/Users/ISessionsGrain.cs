using Orleans;

namespace Flattr.Users;

/// <summary>
/// Server-side sign-in sessions (key <see cref="Singletons.Key"/>; a stateless worker over the <c>user_sessions</c> table).
/// The session cookie carries the id <see cref="Start"/> returns; the table keeps only its SHA-256, so every node validates
/// every session and ending one holds everywhere.
/// </summary>
[Alias("Flattr.ISessionsGrain")]
public interface ISessionsGrain : IGrainWithIntegerKey
{
    /// <summary>Opens a session for the user and returns its id (random, 256 bits, base64url).</summary>
    Task<string> Start(long userId);

    /// <summary>The user of a live session (one seen within the idle lifetime), or null. Notes the visit at most hourly.</summary>
    Task<long?> Validate(string sessionId);

    /// <summary>Ends one session (sign-out); unknown ids are ignored.</summary>
    Task End(string sessionId);

    /// <summary>Ends every session of the user (sign out everywhere, password change): returns how many ended.</summary>
    Task<int> EndAll(long userId);
}
