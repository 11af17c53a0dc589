namespace Flattr.Web.Claims;

/// <summary>Raised by the claim fetcher's connect callback: every address of the host is non-public, so nothing was connected.</summary>
public sealed class NonPublicAddressException : IOException
{
    public NonPublicAddressException()
    {
    }

    public NonPublicAddressException(string message)
        : base(message)
    {
    }

    public NonPublicAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
