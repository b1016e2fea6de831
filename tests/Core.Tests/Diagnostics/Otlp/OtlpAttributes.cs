namespace Webhooks.Modular.Core.Tests.Diagnostics.Otlp;

/// <summary>OTLP <c>KeyValue</c> lists (key 1, <c>AnyValue</c> 2: string 1, bool 2, int 3, double 4) as a dictionary.</summary>
internal static class OtlpAttributes
{
    public static IReadOnlyDictionary<string, object?> Read(IEnumerable<ProtoMessage> keyValues)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            var value = keyValue.Message(2);
            attributes[keyValue.String(1) ?? throw new FormatException("an attribute without a key")] = value switch
            {
                null => null,
                _ when value.String(1) is { } text => text,
                _ when value.Number(2) is { } flag => flag != 0,
                _ when value.Number(3) is { } integer => (long)integer,
                _ when value.Number(4) is { } real => BitConverter.UInt64BitsToDouble(real),
                _ => null,
            };
        }

        return attributes;
    }
}
