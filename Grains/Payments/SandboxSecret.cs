using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flattr.Payments;

/// <summary>The sandbox webhook key: from configuration, or (development without one) random for this process, said in the log.</summary>
public sealed partial class SandboxSecret
{
    public SandboxSecret(IOptions<SandboxPaymentOptions> options, ILogger<SandboxSecret> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.WebhookSecret is { Length: > 0 } configured)
        {
            Key = Encoding.UTF8.GetBytes(configured);
        }
        else
        {
            Key = RandomNumberGenerator.GetBytes(32);
            NoSecretConfigured(logger, SandboxPaymentOptions.SectionName);
        }
    }

    public ReadOnlyMemory<byte> Key { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No sandbox webhook secret is configured ({Section}:WebhookSecret); webhooks are signed with a random key for this process only")]
    static partial void NoSecretConfigured(ILogger logger, string section);
}
