namespace Flattr.Web.Claims;

static partial class ClaimLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Thing {ThingId} was claimed, but its previous owner's mail could not be sent")]
    public static partial void MailFailed(ILogger logger, long thingId, Exception exception);
}
