using Orleans;

namespace Flattr.Users;

/// <summary>Profile fields to change; null leaves a field as it is. Username and e-mail are not changed here.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.ProfileUpdate")]
public sealed record ProfileUpdate(string? DisplayName = null, string? Language = null, bool? AnonymousByDefault = null);
