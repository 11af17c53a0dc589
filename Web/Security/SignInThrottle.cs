using System.Globalization;
using System.Threading.RateLimiting;
using Flattr.Limits;
using Flattr.Web.Hosting;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Security;

/// <summary>
/// Sign-in attempts per account (<see cref="FlattrWebOptions.SignInAttemptsPerAccountPerMinute"/>), whatever address and
/// whichever node they come to: the per-address limit alone lets a botnet guess one account's password from thousands of
/// addresses. Unknown logins are limited alike, so the limit itself does not tell which accounts exist. The count is shared by
/// every node (<see cref="SharedRateLimiter"/>), a fixed window of one clock minute.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    const string Limit = "signin-account";

    readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IGrainFactory grains, IOptions<FlattrWebOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rule = new RateLimitRule(Math.Max(1, options.Value.SignInAttemptsPerAccountPerMinute), TimeSpan.FromMinutes(1));
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.Get(account, key =>
            new SharedRateLimiter(grains, Limit, key, rule, time)));
    }

    /// <summary>Takes one attempt for the account (its id, or the login as typed when no account has it); false when none is left.</summary>
    public async Task<bool> TryAttemptAsync(long? userId, string login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(login);
        var account = userId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "login:" + login.ToLowerInvariant();
        using var lease = await _limiter.AcquireAsync(account, cancellationToken: cancellationToken);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
