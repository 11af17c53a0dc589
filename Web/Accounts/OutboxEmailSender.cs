using System.Collections.Immutable;

namespace Flattr.Web.Accounts;

/// <summary>
/// The development sender: keeps the latest mails in memory and shows them at <c>/dev/outbox</c>, so a developer
/// (or a browser test) can follow a verification link without a mail server.
/// </summary>
public sealed class OutboxEmailSender : IEmailSender
{
    const int Capacity = 200;
    readonly Lock _lock = new();
    ImmutableList<EmailMessage> _messages = [];

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            _messages = _messages.Insert(0, message);
            if (_messages.Count > Capacity)
            {
                _messages = _messages.RemoveAt(Capacity);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Newest first.</summary>
    public ImmutableList<EmailMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return _messages;
            }
        }
    }
}
