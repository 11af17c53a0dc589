namespace Flattr.Web.Api.Authentication;

/// <summary>Endpoint metadata naming the scope an endpoint needs: for the 403 answer and the OpenAPI document.</summary>
public sealed record RequiredScopeMetadata(string Scope);
