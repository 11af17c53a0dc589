using Microsoft.AspNetCore.DataProtection;

namespace Flattr.Web.Security.DataProtection;

/// <summary>Hands out <see cref="CachingDataProtector"/>s over the real provider's protectors.</summary>
public sealed class CachingDataProtectionProvider(IDataProtectionProvider inner, UnprotectedPayloadCache cache) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new CachingDataProtector(inner.CreateProtector(purpose), cache, PurposeChain.Append("", purpose));
    }
}
