using System.Globalization;
using System.Text;

namespace Webhooks.Modular.Actions.Command;

/// <summary>
/// The captured stdout and stderr of one attempt, interleaved as chunks arrive, keeping at most a fixed number of
/// UTF-8 bytes. What is over the limit is counted and dropped, so readers can keep draining the pipes.
/// </summary>
internal sealed class BoundedOutput(int maxBytes)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<string> _notes = [];
    private char[] _chars = [];
    private long _kept;
    private long _discarded;

    /// <summary>Appends one chunk read from a stream, decoded with that stream's own decoder.</summary>
    /// <param name="decoder">The stream's decoder: it carries a character split across two chunks.</param>
    /// <param name="bytes">The chunk.</param>
    public void Append(Decoder decoder, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var room = (int)Math.Min(bytes.Length, maxBytes - _kept);
            if (room > 0)
            {
                var kept = bytes[..room];
                var needed = decoder.GetCharCount(kept, flush: false);
                if (_chars.Length < needed)
                {
                    _chars = new char[Math.Max(needed, 4096)];
                }

                var count = decoder.GetChars(kept, _chars, flush: false);
                _text.Append(_chars, 0, count);
                _kept += room;
            }

            _discarded += bytes.Length - room;
        }
    }

    /// <summary>Flushes a stream's decoder at the end of its stream (an incomplete character becomes U+FFFD).</summary>
    /// <param name="decoder">The stream's decoder.</param>
    public void Complete(Decoder decoder)
    {
        lock (_gate)
        {
            // Once truncated, the decoder may hold the first bytes of a character that was cut; that is not an error.
            if (_discarded == 0)
            {
                Span<char> tail = stackalloc char[4];
                var count = decoder.GetChars([], tail, flush: true);
                _text.Append(tail[..count]);
            }
        }
    }

    /// <summary>Adds a remark of the action's own, shown after the output and not counted against the limit.</summary>
    /// <param name="note">The remark.</param>
    public void AddNote(string note)
    {
        lock (_gate)
        {
            _notes.Add(note);
        }
    }

    /// <summary>The kept output, the truncation marker when output was dropped, then any notes.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            var result = new StringBuilder().Append(_text);
            if (_discarded > 0)
            {
                result.Append(CultureInfo.InvariantCulture, $"\n[output truncated after {_kept} bytes; {_discarded} more bytes discarded]");
            }

            foreach (var note in _notes)
            {
                result.Append(CultureInfo.InvariantCulture, $"\n[{note}]");
            }

            return result.ToString();
        }
    }
}
