using System.Diagnostics;
using System.Globalization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;
using Flattr.Things;
using NpgsqlTypes;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 8. Search latency: a scratch database with every schema script applied is seeded with 100,000 listed things written as
/// <see cref="SearchCorpus"/> writes them (English, French and German, Zipf-like word frequencies, titles and descriptions of
/// plausible length) by 2,000 creators, then the site's and the API's search statement (<see cref="ThingStore.SearchAsync"/>:
/// stems, prefixes, typos, creators, ranked, 30 a page) answers a fixed mix of what people type, one query at a time after a
/// warm-up: <see cref="Typed"/>, each as often as the others. The mix holds the most frequent topical words of each language
/// (each in thousands of things), "the" (in most English things), short prefixes ("gard", "pod", "lea": hundreds of words
/// begin so), typos, creators' first names (200 creators each) and two-word queries. Reported: p50 and p95 of the statement's
/// time (target p95 under 50 ms), and how many things each query matched (the log).
/// </summary>
public static class SearchLatency
{
    public const string Group = "8 search";

    /// <summary>What people type: common words, other forms of them, words being typed, typos, creators' names, two words.</summary>
    static readonly string[] Typed =
    [
        "bird", "birds", "mountain", "mountian", "photgraphy", "photo", "garden", "gard", "oiseau", "oiseaux", "chanson", "Vogel",
        "Häuser", "haus", "music", "musique", "Musik", "river walk", "maya", "jonas", "lea", "street photography", "recipes",
        "recette", "Rezept", "podcast", "pod", "bicycle", "vélo", "Fahrrad", "winter", "hiver", "the", "evening light", "lumière",
        "brids",
    ];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        await using var database = await BenchDatabase.CreateAsync(settings.Server, "flattr_bench_search", migrate: true, cancellationToken);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database, settings.SearchThings, cancellationToken);
        log(string.Create(CultureInfo.InvariantCulture, $"search: seeded {settings.SearchThings:N0} things in {seeding.Elapsed.TotalSeconds:N1} s"));

        var store = new ThingStore(database.DataSource);
        var month = Month.Current(TimeProvider.System);
        async Task<(double Milliseconds, string Total)> SearchAsync(string text)
        {
            var clock = Stopwatch.StartNew();
            var (_, total, more) = await store.SearchAsync(new ThingQuery(Text: text, Count: 30), month, cancellationToken);
            return (clock.Elapsed.TotalMilliseconds, string.Create(CultureInfo.InvariantCulture, $"{total:N0}{(more ? "+" : "")}"));
        }

        foreach (var text in Typed)
        {
            await SearchAsync(text);
        }

        var times = new List<double>(settings.Searches);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Searches; i++)
        {
            var text = Typed[i % Typed.Length];
            var (milliseconds, total) = await SearchAsync(text);
            times.Add(milliseconds);
            found[text] = total;
        }

        times.Sort();
        var p50 = Percentile(times, 0.50);
        var p95 = Percentile(times, 0.95);
        log(string.Create(CultureInfo.InvariantCulture,
            $"search: {times.Count} searches over {settings.SearchThings:N0} things: p50 {p50:N1} ms, p95 {p95:N1} ms, max {times[^1]:N1} ms; matches: ") +
            string.Join(", ", found.Select(f => f.Key + " " + f.Value)));
        var things = string.Create(CultureInfo.InvariantCulture, $"{settings.SearchThings:N0} things");
        return
        [
            new Figure(Group, $"Search p50 ({things}, stems, prefixes, typos, creators, ranked)", "ms", Math.Round(p50, 1)),
            new Figure(Group, $"Search p95 ({things})", "ms", Math.Round(p95, 1), Target: Target.Below(50)),
        ];
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Creators with first names as usernames and display names, and things written as <see cref="SearchCorpus"/> writes them.</summary>
    static async Task SeedAsync(BenchDatabase database, int things, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("SELECT setseed(0.42)", cancellationToken);
        await database.ExecuteAsync("""
            INSERT INTO users (username, email, display_name)
            SELECT lower(name) || '_' || i, lower(name) || '_' || i || '@example.org', name || ' ' || surname
            FROM generate_series(1, 2000) AS i,
                 LATERAL (SELECT (ARRAY['Maya','Jonas','Lea','Hugo','Clara','Noah','Emma','Louis','Mia','Paul'])[1 + i % 10] AS name,
                                 (ARRAY['Lopez','Weber','Martin','Schmidt','Dubois','Fischer','Bernard','Wagner'])[1 + i % 8] AS surname) AS n
            """, cancellationToken);
        var corpus = SearchCorpus.Load("/usr/share/dict");
        var firstUser = await database.ScalarAsync<long>("SELECT min(id) FROM users", cancellationToken);
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY things (owner_id, url, title, description, category, language, tags) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long k = 1; k <= things; k++)
            {
                var (language, title, description, category, tags) = corpus.Thing(k);
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(firstUser + k % 2000, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync("https://search.example.org/" + k.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(title, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(description, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(category, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(language, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await database.ExecuteAsync("VACUUM ANALYZE things", cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE users", cancellationToken);
    }
}
