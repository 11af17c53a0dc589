using Orleans;

namespace Flattr.Wallets;

[GenerateSerializer, Alias("Flattr.ClickSource")]
public enum ClickSource
{
    /// <summary>A flattr button, the API or an auto-submit link.</summary>
    Button,

    /// <summary>A subscription's click of the month.</summary>
    Subscription,
}
