namespace Flattr.Web.Button;

/// <summary>
/// Whether the reader the button frame's request names (<see cref="ReaderCookie"/>) flattred a thing this month: asked by
/// the frame once the browser let it use Flattr's cookies (the Storage Access API), read by no one else.
/// </summary>
public sealed record ReaderFlattr(long ThingId, bool Flattred);
