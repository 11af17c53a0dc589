using Microsoft.AspNetCore.DataProtection;

namespace Flattr.Web.Security.DataProtection;

/// <summary>
/// A protector that remembers what it has unprotected (see <see cref="UnprotectedPayloadCache"/>). Protecting and failures
/// go to the real protector every time; a payload is only ever found under the purpose chain that authenticated it.
/// </summary>
sealed class CachingDataProtector(IDataProtector inner, UnprotectedPayloadCache cache, string purposes) : IDataProtector
{
    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new CachingDataProtector(inner.CreateProtector(purpose), cache, PurposeChain.Append(purposes, purpose));
    }

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (cache.TryGet(purposes, protectedData, out var plaintext))
        {
            return plaintext;
        }

        plaintext = inner.Unprotect(protectedData);
        cache.Add(purposes, protectedData, plaintext);
        return plaintext;
    }
}
