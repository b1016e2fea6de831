namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>
/// A file whose <see cref="Flush"/> reaches the disk (fsync). LiteDB 5 writes a commit's pages to its log file but
/// syncs that file only at checkpoints, and when handed a stream (as here) its own syncs become plain flushes; so the
/// plugin hands it these and syncs the log itself after every commit. Unbuffered, so a write is in the OS at once.
/// </summary>
internal sealed class DurableFileStream : Stream
{
    private readonly FileStream _file;

    /// <summary>Opens (or creates) the file for this process alone: another process gets an <see cref="IOException"/>.</summary>
    /// <param name="path">The file.</param>
    public DurableFileStream(string path) =>
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.RandomAccess);

    /// <inheritdoc />
    public override bool CanRead => _file.CanRead;

    /// <inheritdoc />
    public override bool CanSeek => _file.CanSeek;

    /// <inheritdoc />
    public override bool CanWrite => _file.CanWrite;

    /// <inheritdoc />
    public override long Length => _file.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    /// <summary>Pushes everything written so far to the disk.</summary>
    public override void Flush() => _file.Flush(flushToDisk: true);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    /// <inheritdoc />
    public override void SetLength(long value) => _file.SetLength(value);

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
