using Orleans;

namespace Flattr.Users;

/// <summary>
/// A new account. <paramref name="Username"/> is stored lower-case (3–30 of a–z, 0–9, _);
/// <paramref name="PasswordHash"/> is what ASP.NET Core Identity's PasswordHasher produced: grains never see passwords.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.SignUp")]
public sealed record SignUp(string Username, string Email, string DisplayName, string Language, string? PasswordHash);
