using System.Collections.Immutable;

namespace Flattr.Profiles;

/// <summary>What makes a bio and links valid; the tables' CHECK constraints say the same, this says it first and clearly.</summary>
static class ProfileRules
{
    public static string Bio(string? bio)
    {
        var value = (bio ?? string.Empty).Trim().ReplaceLineEndings("\n");
        return value.Length <= PublicProfile.MaximumBioLength
            ? value
            : throw Invalid($"A bio is at most {PublicProfile.MaximumBioLength} characters.");
    }

    /// <summary>Trimmed, blanks left out, each an absolute http(s) URL without user information, at most three.</summary>
    public static ImmutableArray<string> Links(ImmutableArray<string> links)
    {
        var valid = ImmutableArray.CreateBuilder<string>();
        foreach (var link in links.IsDefault ? [] : links)
        {
            if (string.IsNullOrWhiteSpace(link))
            {
                continue;
            }

            valid.Add(ProfileLinks.TryNormalise(link, out var absolute) ? absolute : throw Invalid($"'{link}' is not an http(s) link."));
        }

        return valid.Count <= PublicProfile.MaximumLinks
            ? valid.ToImmutable()
            : throw Invalid($"A profile has at most {PublicProfile.MaximumLinks} links.");
    }

    static FlattrException Invalid(string message) => new(FlattrErrors.InvalidParameters, message);
}
