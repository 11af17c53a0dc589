using System.Threading.RateLimiting;
using Flattr.Limits;
using Flattr.Web.Security;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>
/// The account forms' limits (<see cref="AccountLimits"/>): sign-ups per client address and for everyone together, account mails
/// per recipient and per client address. Each partition's count is shared by every node (<see cref="SharedRateLimiter"/>), in
/// fixed windows aligned on the clock. A recipient's limit counts addresses with and without an account alike, so being
/// throttled says nothing about who has an account.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    public const string SignUpAddress = "signup-address";
    public const string SignUpEveryone = "signup";
    public const string MailRecipient = "account-mail";
    public const string MailAddress = "account-mail-address";

    readonly Dictionary<string, RateLimitRule> _rules;
    readonly PartitionedRateLimiter<(string Limit, string Partition)> _limiter;

    public AccountThrottle(IGrainFactory grains, IOptions<AccountLimits> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _rules = new(StringComparer.Ordinal)
        {
            [SignUpAddress] = new(Math.Max(1, limits.SignUpsPerAddressPerHour), TimeSpan.FromHours(1)),
            [SignUpEveryone] = new(Math.Max(1, limits.SignUpsPerMinute), TimeSpan.FromMinutes(1)),
            [MailRecipient] = new(Math.Max(1, limits.MailsPerRecipientPerHour), TimeSpan.FromHours(1)),
            [MailAddress] = new(Math.Max(1, limits.MailsPerAddressPerHour), TimeSpan.FromHours(1)),
        };
        _limiter = PartitionedRateLimiter.Create<(string Limit, string Partition), string>(key => RateLimitPartition.Get(
            key.Limit + "/" + key.Partition, _ => new SharedRateLimiter(grains, key.Limit, key.Partition, _rules[key.Limit], time)));
    }

    /// <summary>A sign-up from the client: false when its address, or everyone together, has none left.</summary>
    public Task<bool> TrySignUpAsync(HttpContext http, CancellationToken cancellationToken) =>
        TryAsync([(SignUpAddress, ClientAddress(http)), (SignUpEveryone, "all")], cancellationToken);

    /// <summary>An account mail to <paramref name="recipient"/> asked by the client: false when either has none left.</summary>
    public Task<bool> TryMailAsync(HttpContext http, string recipient, CancellationToken cancellationToken) =>
        TryAsync([(MailAddress, ClientAddress(http)), (MailRecipient, recipient.Trim().ToLowerInvariant())], cancellationToken);

    /// <summary>A use of a mailed link (it costs a password hash): counted per client address.</summary>
    public Task<bool> TryLinkAsync(HttpContext http, CancellationToken cancellationToken) =>
        TryAsync([(MailAddress, ClientAddress(http))], cancellationToken);

    async Task<bool> TryAsync((string Limit, string Partition)[] keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            using var lease = await _limiter.AcquireAsync(key, cancellationToken: cancellationToken);
            if (!lease.IsAcquired)
            {
                return false;
            }
        }

        return true;
    }

    static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
