namespace Flattr.Web.Accounts;

/// <summary>A mail to one recipient, plain text.</summary>
public sealed record EmailMessage(string To, string Subject, string Body, DateTimeOffset CreatedAt);
