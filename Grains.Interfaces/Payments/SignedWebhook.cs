using Orleans;

namespace Flattr.Payments;

/// <summary>
/// A webhook delivery exactly as received: the raw body (verified byte for byte, so never re-serialised) and the value of
/// the provider's signature header (sandbox: <c>Flattr-Sandbox-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.SignedWebhook")]
public sealed record SignedWebhook(string Body, string Signature)
{
    /// <summary>The sandbox provider's signature header name.</summary>
    public const string SandboxSignatureHeader = "Flattr-Sandbox-Signature";
}
