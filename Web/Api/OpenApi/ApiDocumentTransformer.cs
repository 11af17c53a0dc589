using Flattr.Api;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Endpoints;
using Flattr.Web.Api.Idempotency;
using Flattr.Web.Api.OAuth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Flattr.Web.Api.OpenApi;

/// <summary>
/// Completes the generated OpenAPI document: title and description, the two ways to authenticate (a bearer token, and OAuth 2
/// authorization code with PKCE, with Flattr's scopes), and on each operation the scope it needs and the Idempotency-Key header.
/// </summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerScheme = "bearer";
    public const string OAuthScheme = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Flattr REST API",
            Version = "v2",
            Description =
                "Flattr's API v2: things, users, flattrs, search, subscriptions, activities. Errors are " +
                "{\"error\", \"error_description\", \"error_uri\"}; limited answers carry X-RateLimit-* headers; POSTs honour Idempotency-Key.",
        };
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token from the settings page, or a token granted through OAuth 2.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(OAuthScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Authorization code with PKCE (S256); clients authenticate to the token endpoint with HTTP Basic.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(AuthorizeModel.Path, UriKind.Relative),
                    TokenUrl = new Uri("/" + OAuthServerComposition.TokenPath, UriKind.Relative),
                    RefreshUrl = new Uri("/" + OAuthServerComposition.TokenPath, UriKind.Relative),
                    Scopes = new Dictionary<string, string>
                    {
                        [ApiScopes.Flattr] = "Flattr things and manage subscriptions",
                        [ApiScopes.Thing] = "Create, update and delete things",
                        [ApiScopes.Email] = "Read the e-mail address",
                        [ApiScopes.ExtendedRead] = "Read private fields, hidden things and anonymous flattrs",
                        [ApiScopes.Payout] = "Pay out earnings to the payout account",
                        ["offline_access"] = "Get a refresh token (access tokens then live an hour)",
                    },
                },
            },
        });
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scope = metadata.OfType<RequiredScopeMetadata>().LastOrDefault()?.Scope;
        var needsUser = scope is not null || metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == ApiPolicies.User);
        if (needsUser)
        {
            var document = context.Document;
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuthScheme, document)] = scope is null ? [] : [scope] },
            ];
        }

        if (metadata.OfType<IdempotentEndpointMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe: the same key and request within 24 hours returns the first answer and changes nothing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotentRequest.MaximumKeyLength },
            });
        }

        if (metadata.OfType<ApiBodyMetadata>().LastOrDefault() is { } body)
        {
            var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = false,
                Description = "JSON, or form fields as Flattr also took them.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                    ["application/x-www-form-urlencoded"] = new() { Schema = schema },
                },
            };
        }
    }
}
