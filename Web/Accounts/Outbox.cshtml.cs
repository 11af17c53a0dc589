using System.Net;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Accounts;

/// <summary>
/// The development mail outbox: only where <see cref="FlattrWebOptions.ShowOutbox"/> (demo mode) or Development says so, and
/// only to a client on this machine: its mails hold other people's links. The address is the connection's after forwarded
/// headers, so a remote client that nginx forwards is refused too.
/// </summary>
public sealed class OutboxModel(OutboxEmailSender outbox, IOptions<FlattrWebOptions> options, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<EmailMessage> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if ((!options.Value.ShowOutbox && !environment.IsDevelopment()) || HttpContext.Connection.RemoteIpAddress is not { } remote
            || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return NotFound();
        }

        Messages = outbox.Messages;
        return Page();
    }
}
