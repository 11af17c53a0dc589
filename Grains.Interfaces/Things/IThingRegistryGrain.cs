using System.Collections.Immutable;
using Orleans;

namespace Flattr.Things;

/// <summary>
/// Registration, URL look-up, listings and search (singleton, key <see cref="Singletons.Key"/>; the database is the truth).
/// </summary>
[Alias("Flattr.IThingRegistryGrain")]
public interface IThingRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers a thing for <paramref name="ownerId"/>: <c>conflict</c> if its normalised URL is registered,
    /// <c>invalid_parameters</c> for bad fields, <c>not_found</c> for an unknown owner.</summary>
    Task<ThingInfo> Register(long ownerId, ThingSubmission submission);

    /// <summary>The thing registered at this URL (after normalisation), or null.</summary>
    Task<long?> LookupByUrl(string url);

    /// <summary>The thing at the submission's URL, created if new (auto-submit); <c>validation</c> if owned by someone else.</summary>
    Task<ThingInfo> GetOrCreate(AutoSubmission submission);

    /// <summary>Several things at once, in the order asked; unknown ids are left out.</summary>
    Task<ImmutableArray<ThingSnapshot>> GetMany(ImmutableArray<long> thingIds);

    /// <summary>An owner's things, newest first; hidden ones only when <paramref name="includeHidden"/>; deleted ones never.</summary>
    Task<ThingPage> ListByOwner(long ownerId, bool includeHidden, int page, int count);

    Task<ThingPage> Search(ThingQuery query);

    /// <summary>Active things.</summary>
    Task<long> CountThings();
}
