using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Flattr.Web.Tests.Statements;

/// <summary>A rendered statement page, read back from its HTML: the figures and every line, in cents.</summary>
public sealed partial record StatementPage(
    string Status,
    long SpentCents,
    long? GivenTotalCents,
    IReadOnlyList<StatementPageLine> Given,
    long ReceivedCents,
    long? ReceivedTotalCents,
    IReadOnlyList<StatementPageLine> Received)
{
    public static async Task<StatementPage> GetAsync(HttpClient client, Month month)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync($"/me/statements/{month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static StatementPage Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var given = Section(html, "given");
        var received = Section(html, "received");
        return new StatementPage(
            StatusText().Match(html).Groups[1].Value,
            Cents(html, "statement-spent") ?? throw new InvalidOperationException("The page shows no spend."),
            Cents(given, "given-total"),
            [.. GivenLine().Matches(given).Select(m => new StatementPageLine(m.Groups[1].Value, Long(m.Groups[2]), Long(m.Groups[3])))],
            Cents(html, "statement-received") ?? throw new InvalidOperationException("The page shows no income."),
            Cents(received, "received-total"),
            [.. ReceivedLine().Matches(received).Select(m => new StatementPageLine("Income", Long(m.Groups[1]), Long(m.Groups[2])))]);
    }

    static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section class=\"card\" id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no section {id}.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    static long? Cents(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\" data-cents=\"(-?\\d+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? Long(match.Groups[1]) : null;
    }

    static long Long(Group group) => long.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("id=\"statement-status\">([^<]*)<")]
    private static partial Regex StatusText();

    [GeneratedRegex("<tr data-kind=\"(\\w+)\" data-thing=\"(\\d+)\" data-cents=\"(-?\\d+)\">")]
    private static partial Regex GivenLine();

    [GeneratedRegex("<tr data-thing=\"(\\d+)\" data-cents=\"(-?\\d+)\">")]
    private static partial Regex ReceivedLine();
}

/// <summary>One line of a statement page: its kind (Share, Subscription, Charity, KeptForNextMonth, DepositFee, Income), thing and cents.</summary>
public sealed record StatementPageLine(string Kind, long ThingId, long AmountCents);
