using Flattr.Things;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Claims;

/// <summary>
/// Checks a claim: fetches the thing's page (its <c>&lt;head&gt;</c> may hold a payment link or an owner meta tag), and when it
/// proves nothing, the site's <c>/.well-known/flattr</c>. Both fetches share one time budget (<see cref="ClaimOptions.Timeout"/>).
/// </summary>
public sealed class ClaimVerifier(PageFetcher fetcher, IOptions<ClaimOptions> options)
{
    public async Task<ClaimVerdict> VerifyAsync(ThingInfo thing, string username, HttpRequest request, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(thing);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(options.Value.Timeout);
        try
        {
            var thingUrl = new Uri(thing.Url);
            var page = await fetcher.FetchAsync(thingUrl, budget.Token);
            if (OwnershipProof.InPage(page, username, thing.Url, request) is { } method)
            {
                return ClaimVerdict.Proven(method, page.Url);
            }

            var wellKnown = new Uri(thingUrl, OwnershipProof.WellKnownPath);
            try
            {
                var file = await fetcher.FetchAsync(wellKnown, budget.Token);
                if (OwnershipProof.InWellKnown(file, username))
                {
                    return ClaimVerdict.Proven(ClaimMethod.WellKnown, file.Url);
                }
            }
            catch (ClaimFetchException e) when (e.Failure == ClaimFailure.BadStatus)
            {
                // No such file (404 and the like): the page's verdict stands.
            }

            return ClaimVerdict.Failed(ClaimFailure.NoProof);
        }
        catch (ClaimFetchException e)
        {
            return ClaimVerdict.Failed(e.Failure);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return ClaimVerdict.Failed(ClaimFailure.TimedOut);
        }
    }
}
