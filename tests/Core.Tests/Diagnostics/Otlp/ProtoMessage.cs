namespace Webhooks.Modular.Core.Tests.Diagnostics.Otlp;

/// <summary>
/// A protobuf message read at the wire level, enough to walk an OTLP export request without its generated classes
/// (OpenTelemetry.Proto is not on NuGet): fields by number, as varints, fixed-width numbers, or length-delimited bytes
/// (strings and nested messages). Malformed input throws, so a body that is not protobuf fails the test that reads it.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<(int Field, int WireType, ulong Number, ReadOnlyMemory<byte> Bytes)> _fields = [];

    private ProtoMessage()
    {
    }

    public static ProtoMessage Parse(ReadOnlyMemory<byte> data)
    {
        var message = new ProtoMessage();
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (field == 0)
            {
                throw new FormatException($"field number 0 at byte {position}");
            }

            switch (wireType)
            {
                case 0:
                    message._fields.Add((field, wireType, ReadVarint(span, ref position), default));
                    break;
                case 1:
                    Need(span, position, 8);
                    message._fields.Add((field, wireType, BitConverter.ToUInt64(span.Slice(position, 8)), default));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    Need(span, position, length);
                    message._fields.Add((field, wireType, 0, data.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    Need(span, position, 4);
                    message._fields.Add((field, wireType, BitConverter.ToUInt32(span.Slice(position, 4)), default));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wireType} (field {field}) is not used by OTLP");
            }
        }

        return message;
    }

    /// <summary>Every occurrence of a repeated message field.</summary>
    public IEnumerable<ProtoMessage> Messages(int field) =>
        _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => Parse(f.Bytes)).ToList();

    public ProtoMessage? Message(int field) => Messages(field).LastOrDefault();

    public string? String(int field) =>
        _fields.LastOrDefault(f => f.Field == field && f.WireType == 2) is { Field: > 0 } f ? System.Text.Encoding.UTF8.GetString(f.Bytes.Span) : null;

    public byte[]? Bytes(int field) =>
        _fields.LastOrDefault(f => f.Field == field && f.WireType == 2) is { Field: > 0 } f ? f.Bytes.ToArray() : null;

    /// <summary>A varint, fixed64 or fixed32 field's raw value.</summary>
    public ulong? Number(int field) =>
        _fields.LastOrDefault(f => f.Field == field && f.WireType != 2) is { Field: > 0 } f ? f.Number : null;

    public bool Has(int field) => _fields.Any(f => f.Field == field);

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Need(span, position, 1);
            var b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    private static void Need(ReadOnlySpan<byte> span, int position, int count)
    {
        if (count < 0 || position + count > span.Length)
        {
            throw new FormatException($"truncated: {count} bytes needed at {position} of {span.Length}");
        }
    }
}
