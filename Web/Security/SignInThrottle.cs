using System.Globalization;
using System.Threading.RateLimiting;
using Flattr.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Security;

/// <summary>
/// Sign-in attempts per account (<see cref="FlattrWebOptions.SignInAttemptsPerAccountPerMinute"/>), whatever address they
/// come from: the per-address limit alone lets a botnet guess one account's password from thousands of addresses.
/// Unknown logins are limited alike, so the limit itself does not tell which accounts exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<FlattrWebOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = Math.Max(1, options.Value.SignInAttemptsPerAccountPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for the account (its id, or the login as typed when no account has it); false when none is left.</summary>
    public bool TryAttempt(long? userId, string login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var account = userId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "login:" + login.ToLowerInvariant();
        using var lease = _limiter.AttemptAcquire(account);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
