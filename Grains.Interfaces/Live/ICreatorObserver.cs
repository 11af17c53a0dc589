using Silo;

namespace Flattr.Live;

/// <summary>Receives every click and withdrawal on a creator's things (through <see cref="ICreatorGrain.Watch"/>).</summary>
public interface ICreatorObserver : IGrainObserver
{
    Task OnFlattr(FlattrEvent flattr);
}
