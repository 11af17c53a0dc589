using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Json;

/// <summary>Reads a boolean the ways Flattr-era clients sent one: <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c>, or those as strings.</summary>
public sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number when reader.TryGetInt32(out var number) && number is 0 or 1 => number == 1,
        JsonTokenType.String => reader.GetString()?.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "on" or "yes" => true,
            "0" or "false" or "off" or "no" or "" => false,
            var other => throw new JsonException($"'{other}' is not a boolean."),
        },
        _ => throw new JsonException("A boolean (true, false, 1 or 0) was expected."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
