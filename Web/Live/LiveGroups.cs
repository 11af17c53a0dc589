using System.Globalization;

namespace Flattr.Web.Live;

/// <summary>The SignalR group names: one per thing, one per creator, one for trending and activity.</summary>
public static class LiveGroups
{
    public const string Trending = "trending";

    public static string Thing(long thingId) => "thing:" + thingId.ToString(CultureInfo.InvariantCulture);

    public static string Creator(long creatorId) => "creator:" + creatorId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The client methods the hub calls (the names the page scripts listen to).</summary>
public static class LiveMessages
{
    /// <summary>A thing's latest counts: <see cref="LiveCount"/>.</summary>
    public const string Count = "count";

    /// <summary>Clicks on a creator's things since the last message: <see cref="LiveFlattr"/>[].</summary>
    public const string Flattrs = "flattrs";

    /// <summary>A creator's current figures and counts, to the one connection that (re)joined the ticker: <see cref="LiveCreator"/>.</summary>
    public const string Creator = "creator";

    /// <summary>Trending scores that moved since the last message: <see cref="TrendingEntry"/>[].</summary>
    public const string Trending = "trending";
}
