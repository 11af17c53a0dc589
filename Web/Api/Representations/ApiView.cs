using System.Collections.Immutable;
using System.Globalization;
using Flattr.Api;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Api.Authentication;
using Orleans;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// How one caller sees Flattr's objects: which things they may see at all (hidden things only by their owner, with the
/// <c>extendedread</c> or <c>thing</c> scope; deleted things by nobody), which fields (owner-only, token-only, scope-only),
/// and in which JSON. One per request.
/// </summary>
public sealed class ApiView(HttpContext http, IGrainFactory grains, TimeProvider time)
{
    public ApiCaller Caller { get; } = ApiCaller.From(http);

    public ApiLinks Links { get; } = ApiLinks.For(http.Request);

    public IGrainFactory Grains => grains;

    public HttpContext Http => http;

    /// <summary>Minimal APIs bind a handler's <see cref="ApiView"/> parameter through this.</summary>
    public static ValueTask<ApiView?> BindAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return ValueTask.FromResult<ApiView?>(new ApiView(http, services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>()));
    }

    public Month CurrentMonth => Month.Current(time);

    /// <summary>Whether the caller may see the thing at all; everything else answers as if it did not exist.</summary>
    public bool CanSee(ThingInfo thing)
    {
        ArgumentNullException.ThrowIfNull(thing);
        return thing.IsActive && (!thing.Hidden || CanSeeHiddenThingsOf(thing.OwnerId));
    }

    public bool CanSeeHiddenThingsOf(long ownerId) =>
        Caller.IsUser(ownerId) && (Caller.Has(ApiScopes.ExtendedRead) || Caller.Has(ApiScopes.Thing));

    /// <summary>Whether the caller may see a giver's anonymous flattrs and their flattrs of unlisted things: only the giver,
    /// with the <c>extendedread</c> or <c>flattr</c> scope.</summary>
    public bool CanSeePrivateFlattrsOf(long giverId) =>
        Caller.IsUser(giverId) && (Caller.Has(ApiScopes.ExtendedRead) || Caller.Has(ApiScopes.Flattr));

    /// <summary>The caller's visible things among <paramref name="snapshots"/>, in order, as full thing objects.</summary>
    public async Task<IReadOnlyList<ThingJson>> ThingsAsync(IEnumerable<ThingSnapshot> snapshots, bool fullOwners)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var visible = snapshots.Where(s => CanSee(s.Info)).ToList();
        if (visible.Count == 0)
        {
            return [];
        }

        var (flattred, subscribed) = await CallerRelationsAsync();
        var owners = fullOwners ? await ProfilesAsync(visible.Select(s => s.Info.OwnerId)) : null;
        var givers = await grains.GetFlattrListings().CountGivers([.. visible.Select(s => s.Info.Id)]);
        return [.. visible.Select(s => Thing(s, owners?[s.Info.OwnerId], flattred, subscribed) with
        {
            FlattrsUserCount = givers.GetValueOrDefault(s.Info.Id),
        })];
    }

    ThingJson Thing(ThingSnapshot snapshot, UserProfile? owner, ImmutableHashSet<long>? flattred, ImmutableHashSet<long>? subscribed)
    {
        var info = snapshot.Info;
        var isOwner = Caller.IsUser(info.OwnerId);
        return new ThingJson
        {
            Resource = Links.ThingResource(info.Id),
            Link = Links.ThingLink(info.Id),
            Id = info.Id,
            Url = info.Url,
            Flattrs = snapshot.Counts.Total,
            FlattrsThisMonth = snapshot.Counts.Month == CurrentMonth ? snapshot.Counts.ThisMonth : 0,
            Title = info.Title,
            Description = info.Description,
            Tags = info.Tags.IsDefault ? [] : info.Tags,
            Language = info.Language,
            Category = info.Category,
            CreatedAt = UnixTime.Of(info.CreatedAt),
            Owner = owner is null ? MiniUser(info.OwnerUsername) : User(owner),
            Hidden = info.Hidden,
            Flattred = flattred?.Contains(info.Id),
            Subscribed = subscribed?.Contains(info.Id),
            LastFlattrAt = isOwner ? UnixTime.Of(snapshot.Counts.LastFlattrAt) : null,
            UpdatedAt = isOwner ? UnixTime.Of(info.UpdatedAt) : null,
        };
    }

    /// <summary>The mini thing of flattrs and subscriptions: type, resource, link, id, url, title, flattrs (and owner).</summary>
    public ThingJson MiniThing(long id, string url, string title, long flattrs, string? ownerUsername) => new()
    {
        Resource = Links.ThingResource(id),
        Link = Links.ThingLink(id),
        Id = id,
        Url = url,
        Title = title,
        Flattrs = flattrs,
        Owner = ownerUsername is null ? null : MiniUser(ownerUsername),
    };

    public ThingJson MiniThing(ThingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return MiniThing(snapshot.Info.Id, snapshot.Info.Url, snapshot.Info.Title, snapshot.Counts.Total, snapshot.Info.OwnerUsername);
    }

    public UserJson MiniUser(string username) => new()
    {
        Resource = Links.UserResource(username),
        Link = Links.UserLink(username),
        Username = username,
    };

    /// <summary>A full user; the private fields only for the user's own token with the scope for each.</summary>
    public UserJson User(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var self = Caller.IsUser(profile.Id);
        var space = profile.DisplayName.IndexOf(' ', StringComparison.Ordinal);
        return MiniUser(profile.Username) with
        {
            Id = profile.Id.ToString(CultureInfo.InvariantCulture),
            DisplayName = profile.DisplayName,
            Firstname = space < 0 ? profile.DisplayName : profile.DisplayName[..space],
            Lastname = space < 0 ? string.Empty : profile.DisplayName[(space + 1)..],
            Url = string.Empty,
            About = string.Empty,
            Avatar = string.Empty,
            City = string.Empty,
            Country = string.Empty,
            ActiveSupporter = 1,
            Language = self ? profile.Language : null,
            Email = self && (Caller.Has(ApiScopes.Email) || Caller.Has(ApiScopes.ExtendedRead)) ? profile.Email : null,
            RegisteredAt = self && Caller.Has(ApiScopes.ExtendedRead) ? UnixTime.Of(profile.CreatedAt) : null,
        };
    }

    /// <summary>The user with this username, or null.</summary>
    public async Task<UserProfile?> FindUserAsync(string username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64)
        {
            return null;
        }

        var id = await grains.GetUserDirectory().FindByUsername(username.Trim().ToLowerInvariant());
        return id is null ? null : await grains.GetUser(id.Value).GetProfile();
    }

    /// <summary>The things the caller flattred this month and subscribes to (running or paused); nulls without a token.</summary>
    async Task<(ImmutableHashSet<long>? Flattred, ImmutableHashSet<long>? Subscribed)> CallerRelationsAsync()
    {
        if (Caller.UserId is not { } userId)
        {
            return (null, null);
        }

        var month = grains.GetWallet(userId, CurrentMonth).GetMonth();
        var subscriptions = grains.GetSubscriptions(userId).List();
        return ([.. (await month).Clicks.Select(c => c.ThingId)], [.. (await subscriptions).Select(s => s.ThingId)]);
    }

    async Task<Dictionary<long, UserProfile>> ProfilesAsync(IEnumerable<long> userIds)
    {
        var profiles = await Task.WhenAll(userIds.Distinct().Select(id => grains.GetUser(id).GetProfile()));
        return profiles.ToDictionary(p => p.Id);
    }
}
