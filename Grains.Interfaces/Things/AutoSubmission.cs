using Orleans;

namespace Flattr.Things;

/// <summary>
/// An auto-submit link (<c>/submit/auto?user_id=…&amp;url=…</c>) with the owner already resolved to a user id.
/// The thing is created by its first successful flattr; if the URL is already registered to the same owner that thing is used,
/// to another owner it is <c>validation</c> ("Owner mismatch").
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.AutoSubmission")]
public sealed record AutoSubmission(long OwnerId, ThingSubmission Thing);
