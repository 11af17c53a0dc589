using System.Collections.Frozen;
using System.Text;

namespace Flattr.Payouts;

/// <summary>
/// International Bank Account Numbers (ISO 13616): two letters of the country, two check digits, then the country's own
/// account number in capital letters and digits, with a length fixed per country. Valid when the length is the country's and
/// the number read as a base-36 integer with its first four characters moved to the end is 1 modulo 97. Written here because
/// the package feed has no IBAN library; the lengths are those of the SWIFT IBAN registry.
/// </summary>
public static class Iban
{
    static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22,
        ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32,
        ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19,
        ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24, ["SC"] = 31,
        ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23,
        ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The IBAN in its electronic form (upper case, no spaces) when <paramref name="text"/> is a valid one as typed (spaces and
    /// lower case allowed); otherwise null and <paramref name="problem"/> says what is wrong.
    /// </summary>
    public static string? Normalise(string? text, out string problem)
    {
        var compact = new StringBuilder(34);
        foreach (var c in text ?? string.Empty)
        {
            if (c is ' ' or '\u00A0' or '-')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || compact.Length == 34)
            {
                problem = "An IBAN has at most 34 letters and digits (spaces allowed).";
                return null;
            }

            compact.Append(char.ToUpperInvariant(c));
        }

        var iban = compact.ToString();
        if (iban.Length < 4 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            problem = "An IBAN starts with two letters of the country and two check digits.";
            return null;
        }

        if (!Lengths.TryGetValue(iban[..2], out var length))
        {
            problem = $"'{iban[..2]}' is not a country with IBANs.";
            return null;
        }

        if (iban.Length != length)
        {
            problem = $"An IBAN of {iban[..2]} has {length} characters; this one has {iban.Length}.";
            return null;
        }

        if (Remainder(iban) != 1)
        {
            problem = "The IBAN's check digits do not match: a character is mistyped.";
            return null;
        }

        problem = string.Empty;
        return iban;
    }

    /// <summary>The country and the last four characters, the rest hidden: <c>DE•• •••• 3000</c>.</summary>
    public static string Mask(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        return iban.Length < 8 ? "••••" : $"{iban[..2]}•• •••• {iban[^4..]}";
    }

    // ISO 7064 MOD 97-10 over the rearranged number, one character (one or two decimal digits) at a time.
    static int Remainder(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            remainder = char.IsAsciiDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
