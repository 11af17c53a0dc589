using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// Things as people write them, for the search benchmark (<see cref="SearchLatency"/>), the same on every run (fixed seed):
/// half in English, a quarter each in French and German; a title of 2 to 8 words, a description of 10 to 90 and up to 3 tags;
/// about a third of the words are the language's small words ("the", "de", "und"), the rest drawn from a vocabulary of 20,000 words
/// per language with Zipf-like frequencies (the word of rank r weighs 1 / (r + 100), so the most frequent is one word in 500). The most frequent words are the topical
/// ones the benchmark searches for ("bird", "oiseau", "Vogel", …), so those match thousands of things, as a popular word
/// does; behind them come real words of the language, from the system's word lists (Debian's wamerican, wfrench and
/// wngerman, which .ci/bench installs), in a fixed shuffled order.
/// </summary>
public sealed partial class SearchCorpus
{
    const int TailWords = 20_000;
    const double ZipfOffset = 100;
    const double SmallWordShare = 0.35;

    static readonly string[] Categories = ["text", "images", "video", "audio", "software", "people", "rest"];

    readonly Random _random = new(42);
    readonly Language[] _languages;

    SearchCorpus(Language[] languages) => _languages = languages;

    /// <summary>The vocabularies from the word lists in <paramref name="dictionaries"/> (e.g. /usr/share/dict).</summary>
    public static SearchCorpus Load(string dictionaries)
    {
        var shuffle = new Random(7);
        Language Make(string id, string file, Regex word, string[] small, string[] topical)
        {
            var path = Path.Combine(dictionaries, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The word list {path} is missing (Debian: apt-get install wamerican wfrench wngerman).", path);
            }

            var head = new HashSet<string>(topical, StringComparer.Ordinal);
            var tail = File.ReadLines(path).Where(w => word.IsMatch(w) && !head.Contains(w)).Distinct(StringComparer.Ordinal).ToArray();
            shuffle.Shuffle(tail);
            return new Language(id, small, [.. topical, .. tail.Take(TailWords)]);
        }

        return new SearchCorpus(
        [
            Make("en_GB", "american-english", LowerWord(), SmallEnglish, TopicalEnglish),
            Make("fr_FR", "french", LowerWord(), SmallFrench, TopicalFrench),
            Make("de_DE", "ngerman", GermanWord(), SmallGerman, TopicalGerman),
        ]);
    }

    /// <summary>Thing <paramref name="k"/> (from 1): its language, title, description, category and tags.</summary>
    public (string Language, string Title, string Description, string Category, string[] Tags) Thing(long k)
    {
        var language = _languages[(k % 4) switch { 0 or 1 => 0, 2 => 1, _ => 2 }];
        var title = Words(language, 2 + _random.Next(7), 100);
        title = char.ToUpper(title[0], CultureInfo.InvariantCulture) + title[1..];
        if (title.Length < 5)
        {
            title += " " + k.ToString(CultureInfo.InvariantCulture);
        }

        var description = Words(language, 10 + _random.Next(81), 1000);
        var tags = Enumerable.Range(0, _random.Next(4))
            .Select(_ => language.Draw(_random.NextDouble()).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return (language.Id, title, description, Categories[_random.Next(Categories.Length)], tags);
    }

    string Words(Language language, int count, int maximumLength)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = _random.NextDouble() < SmallWordShare ? language.Small[_random.Next(language.Small.Length)] : language.Draw(_random.NextDouble());
            if (text.Length + word.Length + 1 > maximumLength)
            {
                break;
            }

            text.Append(text.Length == 0 ? string.Empty : " ").Append(word);
        }

        return text.ToString();
    }

    sealed class Language
    {
        readonly double[] _cumulative;

        public Language(string id, string[] small, string[] vocabulary)
        {
            Id = id;
            Small = small;
            Vocabulary = vocabulary;
            _cumulative = new double[vocabulary.Length];
            var sum = 0.0;
            for (var rank = 0; rank < vocabulary.Length; rank++)
            {
                sum += 1.0 / (rank + 1 + ZipfOffset);
                _cumulative[rank] = sum;
            }

            for (var rank = 0; rank < vocabulary.Length; rank++)
            {
                _cumulative[rank] /= sum;
            }
        }

        public string Id { get; }

        public string[] Small { get; }

        public string[] Vocabulary { get; }

        /// <summary>The word whose share of the cumulative Zipf weights holds <paramref name="uniform"/> (0 to 1).</summary>
        public string Draw(double uniform)
        {
            var index = Array.BinarySearch(_cumulative, uniform);
            return Vocabulary[Math.Min(index < 0 ? ~index : index, Vocabulary.Length - 1)];
        }
    }

    [GeneratedRegex(@"^\p{Ll}{3,14}$")]
    private static partial Regex LowerWord();

    [GeneratedRegex(@"^\p{Lu}?\p{Ll}{2,13}$")]
    private static partial Regex GermanWord();

    static readonly string[] SmallEnglish =
        ["the", "of", "and", "a", "in", "to", "with", "for", "on", "at", "from", "by", "my", "our", "this", "is", "about", "an", "into", "after"];

    static readonly string[] SmallFrench =
        ["le", "la", "les", "de", "des", "du", "et", "un", "une", "à", "en", "dans", "pour", "sur", "avec", "au", "aux", "mon", "notre", "par"];

    static readonly string[] SmallGerman =
        ["der", "die", "das", "und", "in", "im", "mit", "von", "zu", "den", "dem", "ein", "eine", "für", "auf", "am", "an", "aus", "mein", "unser"];

    // The topical words, most frequent first in each language.
    static readonly string[] TopicalEnglish =
    [
        "bird", "birds", "mountain", "mountains", "garden", "gardens", "photography", "photo", "music", "river", "walk", "walking",
        "street", "recipes", "recipe", "podcast", "bicycle", "winter", "evening", "light", "song", "songs", "house", "houses", "city",
        "sea", "morning", "notes", "guide", "letters", "painting", "paintings", "stories", "island",
    ];

    static readonly string[] TopicalFrench =
    [
        "oiseau", "oiseaux", "montagne", "montagnes", "jardin", "jardins", "photographie", "musique", "rivière", "promenade", "rue",
        "recette", "recettes", "balado", "vélo", "hiver", "soir", "lumière", "chanson", "chansons", "maison", "maisons", "ville", "mer",
        "matin", "notes", "guide", "lettres", "peinture", "histoires", "île",
    ];

    static readonly string[] TopicalGerman =
    [
        "Vogel", "Vögel", "Berg", "Berge", "Garten", "Gärten", "Fotografie", "Musik", "Fluss", "Spaziergang", "Straße", "Rezept",
        "Rezepte", "Podcast", "Fahrrad", "Winter", "Abend", "Licht", "Lied", "Lieder", "Haus", "Häuser", "Stadt", "Meer", "Morgen",
        "Notizen", "Führer", "Briefe", "Malerei", "Geschichten", "Insel",
    ];
}
