namespace Flattr.Web.Api.Representations;

static class UnixTime
{
    public static long Of(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    public static long? Of(DateTimeOffset? instant) => instant?.ToUnixTimeSeconds();
}
