namespace Flattr.Web.Security.DataProtection;

/// <summary>
/// A protector's purpose chain and a protected payload, compared byte for byte. The hash is the framework's randomised one
/// (seeded per process), so nobody can choose payloads that collide.
/// </summary>
sealed class ProtectedPayloadKey(string purposes, byte[] protectedData) : IEquatable<ProtectedPayloadKey>
{
    readonly int _hash = Hash(purposes, protectedData);

    public bool Equals(ProtectedPayloadKey? other) =>
        other is not null
        && _hash == other._hash
        && string.Equals(purposes, other.Purposes, StringComparison.Ordinal)
        && protectedData.AsSpan().SequenceEqual(other.ProtectedData);

    public override bool Equals(object? obj) => Equals(obj as ProtectedPayloadKey);

    public override int GetHashCode() => _hash;

    string Purposes => purposes;

    byte[] ProtectedData => protectedData;

    static int Hash(string purposes, byte[] protectedData)
    {
        var hash = new HashCode();
        hash.Add(purposes, StringComparer.Ordinal);
        hash.AddBytes(protectedData);
        return hash.ToHashCode();
    }
}
