using System.Globalization;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Flattr.Web.Localization;

namespace Flattr.Web.Claims;

/// <summary>Tells a thing's previous owner, in their language, that someone proved ownership of its page and took it over.</summary>
public sealed class ClaimMails(IEmailSender sender, TimeProvider time)
{
    public Task SendThingClaimedAsync(UserProfile previousOwner, OwnershipTransfer transfer, Uri baseUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previousOwner);
        ArgumentNullException.ThrowIfNull(transfer);
        var texts = Texts.For(previousOwner.Language);
        var thing = transfer.Thing;
        var link = new Uri(baseUri, "/things/" + thing.Id.ToString(CultureInfo.InvariantCulture));
        var body = string.Format(CultureInfo.InvariantCulture, texts.ThingClaimedMailBody, previousOwner.DisplayName, thing.Title, thing.Url,
            thing.OwnerUsername, link);
        return sender.SendAsync(new EmailMessage(previousOwner.Email, texts.ThingClaimedMailSubject, body, time.GetUtcNow()), cancellationToken);
    }
}
