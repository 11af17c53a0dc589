using Orleans;

namespace Flattr.Live;

/// <summary>Receives every click and withdrawal on a creator's things (through <see cref="ICreatorGrain.Watch"/>).</summary>
[Alias("Flattr.ICreatorObserver")]
public interface ICreatorObserver : IGrainObserver
{
    /// <summary>
    /// One event and the creator's whole income after it (expected income, clicks, givers), so a dashboard shows the
    /// grain's figures rather than adding events up itself.
    /// </summary>
    Task OnFlattr(FlattrEvent flattr, CreatorIncome income);
}
