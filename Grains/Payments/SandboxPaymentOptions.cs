namespace Flattr.Payments;

/// <summary>The sandbox payment provider (configuration section <c>Flattr:Payments:Sandbox</c>). No real money moves.</summary>
public sealed class SandboxPaymentOptions
{
    public const string SectionName = "Flattr:Payments:Sandbox";

    /// <summary>The HMAC-SHA256 key webhooks are signed with. When unset, the host makes a random one per process and says so.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from now; older deliveries are refused, which bounds replays.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
