using Webhooks.Modular.Core.Pipeline;

namespace Webhooks.Modular.Core.Tests.Pipeline;

public sealed class LimitsBehaviorTests
{
    [Fact]
    public async Task Oversized_body_stops_being_read_just_past_the_limit()
    {
        var endless = new EndlessStream();

        var body = await LimitsBehavior.ReadBoundedAsync(endless, declaredLength: null, limit: 1024 * 1024, CancellationToken.None);

        Assert.Null(body);
        // Never more than the limit plus one read chunk is pulled from the connection.
        Assert.InRange(endless.BytesRead, 1024 * 1024, (1024 * 1024) + (16 * 1024));
    }

    [Fact]
    public async Task Body_at_the_limit_is_read_whole()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();

        var body = await LimitsBehavior.ReadBoundedAsync(new MemoryStream(bytes), bytes.Length, limit: 1000, CancellationToken.None);

        Assert.Equal(bytes, body);
    }

    [Fact]
    public async Task Body_one_byte_over_the_limit_is_refused()
    {
        var body = await LimitsBehavior.ReadBoundedAsync(new MemoryStream(new byte[1001]), null, limit: 1000, CancellationToken.None);

        Assert.Null(body);
    }

    /// <summary>A body that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
