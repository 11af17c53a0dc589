using Orleans;

namespace Flattr.Api;

/// <summary>
/// A new application: a name of 3–60 characters and the one redirect URI codes are sent to, matched exactly
/// (https, or http only for localhost and loopback addresses, no fragment).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.OAuthAppRegistration")]
public sealed record OAuthAppRegistration(string Name, string RedirectUri, bool Confidential = true);
