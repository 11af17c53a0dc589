namespace Flattr.Web.Api.Representations;

/// <summary>
/// A user as Flattr API v2 wrote it. The mini form (owners of things, flattrers) has type, resource, link and username;
/// <see cref="Email"/> needs the <c>email</c> scope and <see cref="RegisteredAt"/> the <c>extendedread</c> scope, both
/// only for the user's own token. <see cref="Id"/> is a string, as in Flattr's 2013 API.
/// </summary>
public sealed record UserJson
{
    public string Type { get; init; } = "user";

    public required string Resource { get; init; }

    public required string Link { get; init; }

    public required string Username { get; init; }

    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The display name up to its first space (Flattr had separate first and last names).</summary>
    public string? Firstname { get; init; }

    public string? Lastname { get; init; }

    /// <summary>The user's preferred language, like <c>en_GB</c>.</summary>
    public string? Language { get; init; }

    public string? Email { get; init; }

    public long? RegisteredAt { get; init; }
}
