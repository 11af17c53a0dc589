using Flattr.Web.Api.Idempotency;
using Flattr.Web.Api.Representations;

namespace Flattr.Web.Api.Endpoints;

/// <summary>OpenAPI annotations and per-endpoint behaviour shared by the API's endpoints.</summary>
public static class ApiEndpointConventions
{
    /// <summary>Declares the Flattr error body for the given statuses.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statusCodes)
        {
            builder.Produces<ErrorJson>(status, "application/json");
        }

        return builder;
    }

    /// <summary>
    /// Documents the endpoint's optional body (JSON or form-encoded) in the OpenAPI document. Not <c>Accepts</c>: that also
    /// routes by Content-Type, and a request without a body or with another media type must reach the handler for its
    /// Flattr answer (415 or the endpoint's own), not fall through to "no such resource".
    /// </summary>
    public static RouteHandlerBuilder AcceptsBody<TBody>(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ApiBodyMetadata(typeof(TBody)));
    }

    /// <summary>Honours <c>Idempotency-Key</c> on the endpoint (POSTs).</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(new IdempotentEndpointMetadata());
    }
}

/// <summary>The type of an endpoint's body, for the OpenAPI document.</summary>
public sealed record ApiBodyMetadata(Type Type);

/// <summary>Marks endpoints that honour <c>Idempotency-Key</c> (for the OpenAPI document).</summary>
public sealed record IdempotentEndpointMetadata;
