using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Json;

/// <summary>Reads tags as a JSON array of strings or as Flattr's comma-separated string (<c>"tag,tag2"</c>).</summary>
public sealed class TagListConverter : JsonConverter<IReadOnlyList<string>?>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Split(reader.GetString());
            case JsonTokenType.StartArray:
                var tags = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException("Tags are strings.");
                    }

                    tags.Add(reader.GetString()!);
                }

                return tags;
            default:
                throw new JsonException("Tags are an array of strings or a comma-separated string.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var tag in value)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
    }

    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
