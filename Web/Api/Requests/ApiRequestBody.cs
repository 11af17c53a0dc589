using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// The body of an API request, read once and at most <see cref="ApiOptions.MaxRequestBodyBytes"/> long (413 before
/// anything is parsed otherwise), then parsed as JSON or as form fields into the same source-generated type, as Flattr
/// took both. Kept on the request, so the idempotency check and the handler read the same bytes.
/// </summary>
public static class ApiRequestBody
{
    static readonly object Key = new();

    /// <summary>The raw body (empty when there is none).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(Key, out var cached) && cached is ReadOnlyMemory<byte> bytes)
        {
            return bytes;
        }

        var limit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        ReadOnlyMemory<byte> body = buffer.ToArray();
        http.Items[Key] = body;
        return body;
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when there is none. Malformed JSON is a <see cref="JsonException"/>
    /// (answered 400 <c>invalid_parameters</c>); another media type is 415.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await ReadBytesAsync(http);
        if (body.IsEmpty)
        {
            return null;
        }

        var mediaType = MediaType(http.Request);
        if (mediaType is "application/x-www-form-urlencoded")
        {
            var form = FormAsJson(body);
            if (form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value!.GetValue<string>().Contains('\0', StringComparison.Ordinal)))
            {
                throw NulCharacter();
            }

            return JsonSerializer.Deserialize(form, type);
        }

        if (mediaType is "application/json" or null || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            if (HasNulCharacter(body.Span))
            {
                throw NulCharacter();
            }

            return JsonSerializer.Deserialize(body.Span, type);
        }

        throw new FlattrException(ApiErrorCodes.UnsupportedMediaType, "Send the body as application/json or application/x-www-form-urlencoded.");
    }

    /// <summary>The media type without parameters, lower-case; null when the request names none.</summary>
    public static string? MediaType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>Form fields as a JSON object of strings (a repeated field joined with commas), so one type reads both.</summary>
    static JsonObject FormAsJson(ReadOnlyMemory<byte> body)
    {
        var fields = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body.Span));
        var json = new JsonObject();
        foreach (var (name, values) in fields)
        {
            json[name] = string.Join(',', values.Where(v => v is not null));
        }

        return json;
    }

    /// <summary>
    /// Whether a JSON string or property name holds U+0000 (written <c>\u0000</c>), which PostgreSQL text refuses: refused here,
    /// at the edge, before anything is stored. Malformed JSON is left to the deserializer to report.
    /// </summary>
    static bool HasNulCharacter(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed: the deserializer answers it.
        }

        return false;
    }

    static FlattrException NulCharacter() =>
        new(FlattrErrors.InvalidParameters, "Text may not contain the NUL character (U+0000).");

    static FlattrException TooLarge(long limit) =>
        new(ApiErrorCodes.RequestTooLarge, $"The request body is larger than {limit} bytes.");
}
