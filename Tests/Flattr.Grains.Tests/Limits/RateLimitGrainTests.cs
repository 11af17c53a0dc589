using Flattr.Grains.Tests.Grains;
using Flattr.Limits;

namespace Flattr.Grains.Tests.Limits;

public sealed class RateLimitGrainTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    static readonly RateLimitRule ThreePerMinute = new(3, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_window_grants_its_limit_then_refuses_until_the_next_clock_minute()
    {
        var counter = cluster.Grains.GetRateLimit("test", cluster.Unique("caller"));
        var minuteEnd = NextMinute(cluster.Clock.GetUtcNow());

        var granted = new List<RateLimitWindow>();
        for (var i = 0; i < ThreePerMinute.PermitLimit; i++)
        {
            granted.Add(await counter.Acquire(ThreePerMinute, 1));
        }

        var refused = await counter.Acquire(ThreePerMinute, 1);
        var peeked = await counter.Peek(ThreePerMinute);
        cluster.Clock.SetUtcNow(minuteEnd);
        var next = await counter.Acquire(ThreePerMinute, 1);

        Assert.All(granted, window => Assert.True(window.Acquired));
        Assert.Equal([2, 1, 0], granted.Select(w => w.Remaining));
        Assert.False(refused.Acquired);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(minuteEnd, refused.Reset);
        Assert.False(peeked.Acquired);
        Assert.True(next.Acquired);
        Assert.Equal(2, next.Remaining);
        Assert.Equal(minuteEnd.AddMinutes(1), next.Reset);
    }

    [Fact]
    public async Task Partitions_count_apart_and_a_refused_request_takes_nothing()
    {
        var spent = cluster.Grains.GetRateLimit("test", cluster.Unique("spent"));
        var fresh = cluster.Grains.GetRateLimit("test", cluster.Unique("fresh"));
        await spent.Acquire(ThreePerMinute, 2);

        var tooMany = await spent.Acquire(ThreePerMinute, 2);
        var one = await spent.Acquire(ThreePerMinute, 1);
        var other = await fresh.Acquire(ThreePerMinute, 1);

        Assert.False(tooMany.Acquired);
        Assert.Equal(1, tooMany.Remaining);
        Assert.True(one.Acquired);
        Assert.Equal(0, one.Remaining);
        Assert.Equal(2, other.Remaining);
    }

    [Fact]
    public void A_partition_longer_than_a_key_should_be_is_keyed_by_its_hash()
    {
        var login = new string('x', 10_000);

        var key = RateLimitKeys.Key("signin-account", "login:" + login);

        Assert.StartsWith("signin-account/sha256:", key, StringComparison.Ordinal);
        Assert.True(key.Length < 100);
        Assert.NotEqual(key, RateLimitKeys.Key("signin-account", "login:" + login + "y"));
        Assert.Equal("signin-account/login:bob", RateLimitKeys.Key("signin-account", "login:bob"));
    }

    static DateTimeOffset NextMinute(DateTimeOffset now) =>
        new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
}
