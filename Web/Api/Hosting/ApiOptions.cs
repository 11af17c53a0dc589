namespace Flattr.Web.Api.Hosting;

/// <summary>REST API settings, bound from the configuration section <c>Flattr:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Flattr:Api";

    /// <summary>Request bodies larger than this are refused with 413 before anything is parsed.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests per clock hour (UTC) allowed to one token (Flattr allowed 1,000).</summary>
    public int TokenRequestsPerHour { get; set; } = 1000;

    /// <summary>Requests per clock hour (UTC) allowed to one client address without a token.</summary>
    public int AddressRequestsPerHour { get; set; } = 1000;
}
