using Flattr.Things;

namespace Flattr.Web.Claims;

/// <summary>What checking a claim found: the proof's method and address, or why there is none.</summary>
public sealed record ClaimVerdict(ClaimMethod? Method, string? ProofUrl, ClaimFailure Failure)
{
    public static ClaimVerdict Proven(ClaimMethod method, Uri proofUrl)
    {
        ArgumentNullException.ThrowIfNull(proofUrl);
        return new(method, proofUrl.AbsoluteUri, ClaimFailure.None);
    }

    public static ClaimVerdict Failed(ClaimFailure failure) => new(null, null, failure);
}
