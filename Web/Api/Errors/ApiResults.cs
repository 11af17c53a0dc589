using System.Text.Json.Serialization.Metadata;

namespace Flattr.Web.Api.Errors;

/// <summary>JSON answers written with the API's source-generated serializer.</summary>
public static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, type, JsonContentType, statusCode);
}
