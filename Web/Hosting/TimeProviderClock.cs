namespace Flattr.Web.Hosting;

#pragma warning disable CS0618 // MemoryCacheOptions still takes its clock as ISystemClock.
/// <summary>The app's <see cref="TimeProvider"/> as the clock of a <c>MemoryCache</c>, so its expiries follow the app's time (and a test's).</summary>
sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
#pragma warning restore CS0618
