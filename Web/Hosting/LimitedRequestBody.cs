namespace Flattr.Web.Hosting;

/// <summary>
/// The request body as the app reads it: at most <c>limit</c> bytes, then a 413 <see cref="BadHttpRequestException"/>, as
/// Kestrel's own limit would throw. Unlike Kestrel's per-request limit, reaching it does not end the connection: after the
/// app's 413, Kestrel reads and discards the rest of the body up to its own, larger limit
/// (<see cref="RequestInputGuard.DiscardBytes"/>), so an ordinary HTTP client, which sends its whole body before it reads
/// the answer, gets the 413 instead of a broken connection.
/// </summary>
internal sealed class LimitedRequestBody(Stream inner, long limit) : Stream
{
    long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, Bounded(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Bounded(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Asks for one byte more than the limit allows at most, so that a body of exactly the limit is accepted.</summary>
    int Bounded(int count) => (int)Math.Min(count, limit - _read + 1);

    int Counted(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
