using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>The value an expression gave, or why it gave none.</summary>
public readonly struct ExpressionResult
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Value _value;

    internal ExpressionResult(Value value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Whether the expression gave a value.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why evaluation failed, starting with the column (such as <c>column 14: '&lt;' orders two numbers ...</c>); <c>null</c> when it succeeded.</summary>
    public string? Error { get; }

    /// <summary>The JSON kind of the value; <see cref="JsonValueKind.Undefined"/> when evaluation failed.</summary>
    public JsonValueKind Kind => !Succeeded ? JsonValueKind.Undefined : _value.Kind switch
    {
        ValueKind.Null => JsonValueKind.Null,
        ValueKind.Boolean => _value.Boolean ? JsonValueKind.True : JsonValueKind.False,
        ValueKind.Number => JsonValueKind.Number,
        ValueKind.String => JsonValueKind.String,
        ValueKind.Array => JsonValueKind.Array,
        _ => JsonValueKind.Object,
    };

    /// <summary>Whether the expression gave the boolean <c>true</c> (and nothing else: not a non-empty string, not 1).</summary>
    public bool IsTrue => Kind == JsonValueKind.True;

    /// <summary>
    /// The value as text, the way a template shows it: a string as it is, <c>null</c> (and a failure) as nothing,
    /// anything else as compact JSON (<c>true</c>, <c>42</c>, <c>["a","b"]</c>).
    /// </summary>
    public string ToText() => !Succeeded ? string.Empty : _value.Kind switch
    {
        ValueKind.Null => string.Empty,
        ValueKind.String => _value.String,
        _ => ToJson(),
    };

    /// <summary>The value as compact JSON (<c>"text"</c>, <c>null</c>, <c>{"a":1}</c>); <c>null</c> when evaluation failed.</summary>
    public string ToJson()
    {
        if (!Succeeded)
        {
            return "null";
        }

        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, Compact))
            {
                Write(writer, _value);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (InvalidOperationException)
        {
            // An element holding an escaped lone surrogate cannot be re-encoded; its text as received is still JSON.
            return _value.Element.GetRawText();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? ToJson() : $"error: {Error}";

    private static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                writer.WriteNullValue();
                break;
            case ValueKind.Boolean:
                writer.WriteBooleanValue(value.Boolean);
                break;
            case ValueKind.String:
                writer.WriteStringValue(value.String);
                break;
            case ValueKind.Number when value.Element.ValueKind == JsonValueKind.Undefined:
                writer.WriteRawValue(value.Number.ToString(), skipInputValidation: true);
                break;
            default:
                value.Element.WriteTo(writer);
                break;
        }
    }
}
