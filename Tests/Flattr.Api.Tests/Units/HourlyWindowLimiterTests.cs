using Flattr.Web.Api.Hosting;
using Flattr.Web.Api.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flattr.Api.Tests.Units;

public sealed class HourlyWindowLimiterTests
{
    static readonly DateTimeOffset HalfPast = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_ends_on_the_next_full_hour()
    {
        var key = new ApiRateLimitKey("token:1", ApiRateLimitKey.HourOf(HalfPast));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero), key.WindowEnd);
        Assert.NotEqual(key.Hour, ApiRateLimitKey.HourOf(HalfPast.AddMinutes(30)));
        Assert.Equal(key.Hour, ApiRateLimitKey.HourOf(HalfPast.AddMinutes(29)));
    }

    [Fact]
    public void A_window_grants_its_permits_then_refuses_and_reports_what_remains()
    {
        var clock = new FakeTimeProvider(HalfPast);
        var windows = new ApiRateLimits(Options.Create(new ApiOptions { TokenRequestsPerHour = 3 }), clock);
        var key = new ApiRateLimitKey("token:7", ApiRateLimitKey.HourOf(HalfPast));
        using var limiter = windows.Create(key);

        var granted = Enumerable.Range(0, 4).Select(_ => limiter.AttemptAcquire().IsAcquired).ToList();

        Assert.Equal([true, true, true, false], granted);
        Assert.Equal((3, 0, key.WindowEnd), windows.Read(key));
    }

    [Fact]
    public void A_window_is_idle_once_its_hour_is_over_and_leaves_the_registry_when_disposed()
    {
        var clock = new FakeTimeProvider(HalfPast);
        var windows = new ApiRateLimits(Options.Create(new ApiOptions { AddressRequestsPerHour = 10 }), clock);
        var key = new ApiRateLimitKey("address:127.0.0.1", ApiRateLimitKey.HourOf(HalfPast));
        var limiter = windows.Create(key);
        limiter.AttemptAcquire().Dispose();

        Assert.Null(limiter.IdleDuration);
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.IdleDuration);
        Assert.Equal(9, windows.Read(key).Remaining);

        limiter.Dispose();
        Assert.Equal(10, windows.Read(key).Remaining);
    }
}
