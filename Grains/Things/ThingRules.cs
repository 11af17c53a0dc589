using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Flattr.Things;

/// <summary>What makes a thing's fields valid (PRODUCT.md "Things"); the table's CHECK constraints say the same.</summary>
static partial class ThingRules
{
    public const int MaximumTags = 20;
    public const int MaximumTagLength = 50;

    public static string Title(string? title)
    {
        var value = title?.Trim();
        return value is not null && value.Length is >= 5 and <= 100
            ? value
            : throw Invalid("A title is 5 to 100 characters.");
    }

    public static string Description(string? description)
    {
        var value = description?.Trim() ?? string.Empty;
        return value.Length <= 1000 ? value : throw Invalid("A description is at most 1000 characters.");
    }

    public static string Category(string? category) =>
        ThingCategories.IsKnown(category)
            ? category!
            : throw Invalid($"'{category}' is not a category; use one of {string.Join(", ", ThingCategories.All)}.");

    public static string Language(string? language) =>
        language is not null && LanguagePattern().IsMatch(language)
            ? language
            : throw Invalid($"'{language}' is not a language code like en_GB, fr_FR or de_DE.");

    /// <summary>Trimmed, lower-case, distinct, in the order given.</summary>
    public static ImmutableArray<string> Tags(ImmutableArray<string> tags)
    {
        if (tags.IsDefaultOrEmpty)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var tag in tags)
        {
            var value = tag?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (value.Length > MaximumTagLength)
            {
                throw Invalid($"A tag is at most {MaximumTagLength} characters.");
            }

            if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        return result.Count <= MaximumTags ? result.ToImmutable() : throw Invalid($"A thing has at most {MaximumTags} tags.");
    }

    public static ThingSubmission Validate(ThingSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new ThingSubmission(
            ThingUrl.Normalise(submission.Url),
            Title(submission.Title),
            Description(submission.Description),
            Category(submission.Category),
            Language(submission.Language),
            Tags(submission.Tags),
            submission.Hidden);
    }

    static FlattrException Invalid(string message) => new(FlattrErrors.InvalidParameters, message);

    [GeneratedRegex("^[a-z]{2}_[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
