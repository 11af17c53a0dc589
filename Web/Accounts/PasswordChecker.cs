using Flattr.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Accounts;

/// <summary>
/// Hashes and verifies passwords with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512), a few at a time:
/// each hash costs a large fraction of a CPU-second, so a flood of sign-ins queues here instead of starving the server.
/// </summary>
public sealed class PasswordChecker(IPasswordHasher<PasswordAccount> hasher, IOptions<FlattrWebOptions> options) : IDisposable
{
    readonly SemaphoreSlim _gate = new(Math.Max(1, options.Value.ConcurrentPasswordChecks));
    static readonly PasswordAccount Account = new();

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return hasher.HashPassword(Account, password);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<PasswordVerificationResult> VerifyAsync(string hash, string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return hasher.VerifyHashedPassword(Account, hash, password);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>The hasher's user type; Identity's hasher does not look at it.</summary>
public sealed class PasswordAccount;
