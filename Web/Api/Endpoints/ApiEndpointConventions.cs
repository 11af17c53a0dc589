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

    /// <summary>Honours <c>Idempotency-Key</c> on the endpoint (POSTs).</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(new IdempotentEndpointMetadata());
    }
}

/// <summary>Marks endpoints that honour <c>Idempotency-Key</c> (for the OpenAPI document).</summary>
public sealed record IdempotentEndpointMetadata;
