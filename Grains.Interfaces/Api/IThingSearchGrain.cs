using Flattr.Things;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// The API's thing search (singleton key <see cref="Singletons.Key"/>, local stateless workers): boolean tag expressions
/// and the time-window orders of Flattr API v2, over the <c>things</c> and <c>clicks</c> tables. Counts in the answer come
/// from the thing grains' memory. Bad criteria are <c>invalid_parameters</c>.
/// </summary>
[Alias("Flattr.IThingSearchGrain")]
public interface IThingSearchGrain : IGrainWithIntegerKey
{
    Task<ThingPage> Search(ThingSearch search);
}
