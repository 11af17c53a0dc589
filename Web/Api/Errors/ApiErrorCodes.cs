namespace Flattr.Web.Api.Errors;

/// <summary>
/// The error codes the API adds to the grains' <see cref="FlattrErrors"/> and <see cref="Flattr.Api.OAuthErrors"/>, and the HTTP
/// status of every code it answers with.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>No valid token where one is needed (or an invalid one was sent).</summary>
    public const string Unauthorized = FlattrErrors.Unauthorized;

    /// <summary>The token lacks the scope the endpoint needs.</summary>
    public const string InsufficientScope = "insufficient_scope";

    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>The request body is larger than the API accepts.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>A body that is neither JSON nor form-encoded.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>A request with the same Idempotency-Key is running now.</summary>
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";

    /// <summary>The Idempotency-Key was used for a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    public const string ServerError = "server_error";

    /// <summary>The client accepts no format the API writes (it writes JSON only).</summary>
    public const string NotAcceptable = "not_acceptable";

    public static int HttpStatusFor(string code) => code switch
    {
        InsufficientScope => StatusCodes.Status403Forbidden,
        RateLimitExceeded => StatusCodes.Status429TooManyRequests,
        RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        IdempotencyKeyInUse => StatusCodes.Status409Conflict,
        IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        ServerError => StatusCodes.Status500InternalServerError,
        NotAcceptable => StatusCodes.Status406NotAcceptable,
        Flattr.Api.OAuthErrors.InvalidClient => StatusCodes.Status401Unauthorized,
        Flattr.Api.OAuthErrors.InvalidScope => StatusCodes.Status400BadRequest,
        _ => FlattrErrors.HttpStatusFor(code),
    };
}
