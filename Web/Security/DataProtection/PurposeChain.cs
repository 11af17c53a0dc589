using System.Globalization;

namespace Flattr.Web.Security.DataProtection;

/// <summary>Purpose chains as one string each, length-prefixed so that ("a|b") and ("a", "b") never read the same.</summary>
static class PurposeChain
{
    public static string Append(string chain, string purpose) =>
        string.Concat(chain, purpose.Length.ToString(CultureInfo.InvariantCulture), ":", purpose);
}
