using System.Globalization;

namespace Silo;

/// <summary>
/// A grain key with its kind. Equality includes the kind, so the string key "42" and the integer key 42 are different grains.
/// <see cref="Text"/> is the canonical text form that is stored verbatim in the database.
/// </summary>
public readonly record struct GrainKey
{
    GrainKey(GrainKeyKind kind, string text, string? extension)
    {
        Kind = kind;
        Text = text;
        Extension = extension;
    }

    public GrainKeyKind Kind { get; }

    /// <summary>The primary part: the string, the Guid ("D" format) or the integer in invariant culture.</summary>
    public string Text { get; }

    /// <summary>The extension of a compound key; null for simple keys.</summary>
    public string? Extension { get; }

    public static GrainKey FromString(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(GrainKeyKind.String, key, null);
    }

    public static GrainKey FromGuid(Guid key) => new(GrainKeyKind.Guid, key.ToString("D"), null);

    public static GrainKey FromInteger(long key) => new(GrainKeyKind.Integer, key.ToString(CultureInfo.InvariantCulture), null);

    public static GrainKey FromGuid(Guid key, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return new(GrainKeyKind.GuidCompound, key.ToString("D"), extension);
    }

    public static GrainKey FromInteger(long key, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return new(GrainKeyKind.IntegerCompound, key.ToString(CultureInfo.InvariantCulture), extension);
    }

    public string AsString() => Kind == GrainKeyKind.String ? Text : throw WrongKind(GrainKeyKind.String);

    public Guid AsGuid(out string? extension)
    {
        if (Kind is not (GrainKeyKind.Guid or GrainKeyKind.GuidCompound))
        {
            throw WrongKind(GrainKeyKind.Guid);
        }

        extension = Extension;
        return Guid.ParseExact(Text, "D");
    }

    public long AsInteger(out string? extension)
    {
        if (Kind is not (GrainKeyKind.Integer or GrainKeyKind.IntegerCompound))
        {
            throw WrongKind(GrainKeyKind.Integer);
        }

        extension = Extension;
        return long.Parse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>One text that names the key with its kind, as stored in the database: "i:42", "s:42", "g:…", "gc:…+ext", "ic:42+ext".</summary>
    public string ToStorageString() => Kind switch
    {
        GrainKeyKind.String => "s:" + Text,
        GrainKeyKind.Guid => "g:" + Text,
        GrainKeyKind.Integer => "i:" + Text,
        GrainKeyKind.GuidCompound => "gc:" + Text + "+" + Extension,
        GrainKeyKind.IntegerCompound => "ic:" + Text + "+" + Extension,
        _ => throw new InvalidOperationException($"Unknown key kind {Kind}."),
    };

    public static GrainKey ParseStorageString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"'{value}' is not a stored grain key.");
        }

        var prefix = value[..colon];
        var rest = value[(colon + 1)..];
        switch (prefix)
        {
            case "s":
                return FromString(rest);
            case "g":
                return FromGuid(Guid.ParseExact(rest, "D"));
            case "i":
                return FromInteger(long.Parse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case "gc" or "ic":
                var plus = rest.IndexOf('+', StringComparison.Ordinal);
                if (plus < 0)
                {
                    throw new FormatException($"'{value}' lacks a key extension.");
                }

                return prefix == "gc"
                    ? FromGuid(Guid.ParseExact(rest[..plus], "D"), rest[(plus + 1)..])
                    : FromInteger(long.Parse(rest[..plus], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), rest[(plus + 1)..]);
            default:
                throw new FormatException($"'{value}' has an unknown key kind '{prefix}'.");
        }
    }

    public override string ToString() => Extension is null ? Text : Text + "+" + Extension;

    InvalidOperationException WrongKind(GrainKeyKind wanted) =>
        new($"The grain key {ToStorageString()} is a {Kind} key, not a {wanted} key.");
}
