using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Security;

/// <summary>The app with tiny hourly limits, so that tests reach them in a few requests.</summary>
public sealed class RateLimitedHost : ApiHost
{
    public const int TokenLimit = 5;
    public const int AddressLimit = 4;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Flattr:Api:TokenRequestsPerHour"] = TokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Flattr:Api:AddressRequestsPerHour"] = AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
