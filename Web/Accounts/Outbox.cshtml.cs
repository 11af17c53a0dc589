using Flattr.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Accounts;

/// <summary>The development mail outbox: only where <see cref="FlattrWebOptions.ShowOutbox"/> or Development says so.</summary>
public sealed class OutboxModel(OutboxEmailSender outbox, IOptions<FlattrWebOptions> options, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<EmailMessage> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!options.Value.ShowOutbox && !environment.IsDevelopment())
        {
            return NotFound();
        }

        Messages = outbox.Messages;
        return Page();
    }
}
