using System.Globalization;
using System.Text;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// Random and boundary input from one seed (printed by every fuzz test, so a failure replays exactly): texts of every
/// awkward kind, numbers at and beyond their limits, hostile URLs, months, ids.
/// </summary>
public sealed class FuzzValues(int seed)
{
    static readonly string[] Awkward =
    [
        "", " ", "\t", "\r\n", "\0", "null", "undefined", "NaN", "true", "[]", "{}", "%00", "%", "%%", "\\", "'", "\"",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE users; --", "{0}{1}%s%n%x",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "javascript:alert(1)", "${jndi:ldap://x/a}", "__proto__", "𝔽𝕝𝕒𝕥𝕥𝕣",
        "Zür√ich ß 東京 مرحبا", "\u202Eevil\u202C", "e\u0301\u0301\u0301", "\uFEFFbom", "\uD800", "😀👍🏽🇫🇷", new string('a', 5), new string('a', 100),
        new string('a', 101), new string('x', 1000), new string('y', 1001), new string('z', 4096),
    ];

    static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "199", "200", "10000", "10001", "800", "799", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e3", "1e309", "-1e309",
        "0x10", "010", " 12 ", "12.5", "12,50", "12.345", "1.", ".5", "١٢", "１２", "Infinity", "-Infinity", "NaN", "+5", "5-",
        "99999999999999999999999999999999", "0.001", "100000", "100000.01", "€20", "20 €",
    ];

    static readonly string[] Urls =
    [
        "https://example.org/", "http://example.org", "HTTPS://EXAMPLE.ORG/A", "https://example.org:443/x#frag", "ftp://example.org/x",
        "javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "http://[::1]/", "http://127.0.0.1:22/", "https://user:pw@example.org/",
        "//example.org/x", "/relative", "example.org", "https://", "https://exa mple.org/", "https://xn--80ak6aa92e.com/", "https://例え.jp/パス",
        "https://example.org/" + new string('p', 2100), "http://localhost/", "https://example.org/?q=" + new string('q', 500),
    ];

    readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>A string of any kind: an awkward classic, random characters of any plane, or a very long one.</summary>
    public string Text()
    {
        return _random.Next(10) switch
        {
            < 4 => Pick(Awkward),
            < 7 => RandomChars(_random.Next(0, 40)),
            7 => RandomChars(_random.Next(100, 1200)),
            8 => new string((char)_random.Next(32, 127), _random.Next(10_000, 70_000)),
            _ => Pick(Numbers),
        };
    }

    /// <summary>A number-like string: boundaries, overflow, other digit systems, garbage; sometimes any text.</summary>
    public string Number() => Chance(0.85) ? Pick(Numbers) : Text();

    public string Url() => Chance(0.8) ? Pick(Urls) : Text();

    public string Month() => Chance(0.6)
        ? Pick(["2026-01", "2026-13", "2026-00", "0000-01", "9999-12", "1969-12", "2026-1", "26-01", "2026/01", "2026-01-01", "-2026-01"])
        : Text();

    /// <summary>An id: one that exists, a neighbour, a boundary, or not a number at all.</summary>
    public string Id(IReadOnlyList<long> known) => _random.Next(6) switch
    {
        0 or 1 => Pick(known).ToString(CultureInfo.InvariantCulture),
        2 => (Pick(known) + 1 + _random.Next(1000)).ToString(CultureInfo.InvariantCulture),
        _ => Number(),
    };

    /// <summary>Printable ASCII only, for places that take no other bytes (header values).</summary>
    public string HeaderValue() => new(Text().Where(c => c is >= ' ' and <= '~').Take(8_000).ToArray());

    string RandomChars(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var code = _random.Next(5) switch
            {
                0 => _random.Next(0, 32),
                1 => _random.Next(32, 127),
                2 => _random.Next(0x80, 0x800),
                3 => _random.Next(0x800, 0xD800),
                _ => _random.Next(0x10000, 0x10FFFF),
            };
            text.Append(char.ConvertFromUtf32(code));
        }

        return text.ToString();
    }
}
