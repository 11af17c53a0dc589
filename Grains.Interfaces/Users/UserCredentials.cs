using Orleans;

namespace Flattr.Users;

/// <summary>What sign-in needs: the stored hash (null for accounts without a password).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.UserCredentials")]
public sealed record UserCredentials(long UserId, string Username, string? PasswordHash);
