using System.Collections.Immutable;
using System.Globalization;

namespace Flattr.Web.Localization;

/// <summary>The interface languages: English (the default), French and German.</summary>
public static class SupportedLanguages
{
    public const string English = "en";
    public const string French = "fr";
    public const string German = "de";

    public static ImmutableArray<string> All { get; } = [English, French, German];

    public static ImmutableArray<CultureInfo> Cultures { get; } = [.. All.Select(CultureInfo.GetCultureInfo)];

    /// <summary>
    /// The cultures pages format with: the three languages and each of their regions (en-GB, fr-CH, de-AT…), so dates, months
    /// and amounts follow the reader's region while the texts stay in <see cref="All"/>.
    /// </summary>
    public static ImmutableArray<CultureInfo> FormattingCultures { get; } =
    [
        .. Cultures,
        .. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => All.Contains(c.TwoLetterISOLanguageName))
            .OrderBy(c => c.Name, StringComparer.Ordinal),
    ];

    /// <summary>The name of each language in itself, for the switch.</summary>
    public static string NativeName(string language) => language switch
    {
        French => "Français",
        German => "Deutsch",
        _ => "English",
    };

    /// <summary>The language of the current request (set by request localization), one of <see cref="All"/>.</summary>
    public static string Current
    {
        get
        {
            var name = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return All.Contains(name) ? name : English;
        }
    }

    /// <summary>The thing-language id (<c>en_GB</c>, <c>fr_FR</c>, <c>de_DE</c>) that matches an interface language.</summary>
    public static string ThingLanguageFor(string language) => language switch
    {
        French => "fr_FR",
        German => "de_DE",
        _ => "en_GB",
    };
}
