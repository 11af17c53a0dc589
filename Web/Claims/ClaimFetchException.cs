namespace Flattr.Web.Claims;

/// <summary>A fetch for a claim that stopped, and why.</summary>
public sealed class ClaimFetchException : Exception
{
    public ClaimFetchException(ClaimFailure failure, Exception? inner = null)
        : base("The claimed page could not be fetched: " + failure, inner) => Failure = failure;

    public ClaimFetchException()
        : this(ClaimFailure.Unreachable)
    {
    }

    public ClaimFetchException(string message)
        : base(message) => Failure = ClaimFailure.Unreachable;

    public ClaimFetchException(string message, Exception innerException)
        : base(message, innerException) => Failure = ClaimFailure.Unreachable;

    public ClaimFailure Failure { get; }
}
