using Orleans;

namespace Flattr.Users;

/// <summary>A user as the web shows them. No password hash here: see <see cref="UserCredentials"/>.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.UserProfile")]
public sealed record UserProfile(
    long Id,
    string Username,
    string Email,
    string DisplayName,
    string Language,
    bool EmailVerified,
    bool AnonymousByDefault,
    DateTimeOffset CreatedAt);
