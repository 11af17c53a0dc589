using System.Text.RegularExpressions;

namespace Flattr.Users;

/// <summary>What makes sign-up and profile fields valid; the table's CHECK constraints say the same, this says it first and clearly.</summary>
static partial class UserRules
{
    public static string Username(string? username)
    {
        var value = username?.Trim().ToLowerInvariant();
        if (value is not null && value.StartsWith(AccountGrainFactoryExtensions.DeletedUsernamePrefix, StringComparison.Ordinal))
        {
            throw new FlattrException(FlattrErrors.Conflict, $"The username '{value}' is taken.");
        }

        return value is not null && UsernamePattern().IsMatch(value)
            ? value
            : throw Invalid("A username is 3 to 30 characters: letters a–z, digits and underscores.");
    }

    public static string Email(string? email)
    {
        var value = email?.Trim();
        var at = value?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return value is { Length: >= 3 and <= 254 } && at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
            ? value
            : throw Invalid("That is not an e-mail address.");
    }

    public static string DisplayName(string? displayName)
    {
        var value = displayName?.Trim();
        return value is { Length: >= 1 and <= 100 }
            ? value
            : throw Invalid("A display name is 1 to 100 characters.");
    }

    public static string Language(string? language) =>
        language is not null && LanguagePattern().IsMatch(language)
            ? language
            : throw Invalid($"'{language}' is not a language code like en_GB, fr_FR or de_DE.");

    public static string? PasswordHash(string? passwordHash) =>
        passwordHash is null || passwordHash.Length is >= 1 and <= 1000
            ? passwordHash
            : throw Invalid("A password hash is 1 to 1000 characters.");

    static FlattrException Invalid(string message) => new(FlattrErrors.InvalidParameters, message);

    [GeneratedRegex("^[a-z0-9_]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[a-z]{2}_[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
