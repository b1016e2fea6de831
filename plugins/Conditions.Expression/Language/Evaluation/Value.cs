using System.Text.Json;

namespace Webhooks.Modular.Conditions.Expression.Language.Evaluation;

/// <summary>
/// One value during evaluation: a literal of the expression, or a value read from the JSON root. Arrays and objects
/// stay JSON elements; numbers read from JSON keep their element so they render as written.
/// </summary>
internal readonly struct Value
{
    private readonly string? _string;
    private readonly JsonElement _element;
    private readonly Number _number;
    private readonly bool _boolean;

    private Value(ValueKind kind, string? text = null, JsonElement element = default, Number number = default, bool boolean = false)
    {
        Kind = kind;
        _string = text;
        _element = element;
        _number = number;
        _boolean = boolean;
    }

    /// <summary>The null value (also what a missing path gives).</summary>
    public static Value Null => default;

    /// <summary>What kind of value this is.</summary>
    public ValueKind Kind { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ValueKind.Boolean"/>.</summary>
    public bool Boolean => _boolean;

    /// <summary>The string, when <see cref="Kind"/> is <see cref="ValueKind.String"/>.</summary>
    public string String => _string ?? string.Empty;

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ValueKind.Number"/>.</summary>
    public Number Number => _number;

    /// <summary>The JSON element, for arrays, objects and numbers read from JSON; <c>default</c> otherwise.</summary>
    public JsonElement Element => _element;

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static Value From(bool value) => new(ValueKind.Boolean, boolean: value);

    /// <summary>A string value.</summary>
    /// <param name="value">The string.</param>
    public static Value From(string value) => new(ValueKind.String, text: value);

    /// <summary>A number value (a literal).</summary>
    /// <param name="value">The number.</param>
    public static Value From(Number value) => new(ValueKind.Number, number: value);

    /// <summary>The value of a JSON element. Never throws.</summary>
    /// <param name="element">Any element; an undefined one reads as null.</param>
    public static Value From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => From(true),
        JsonValueKind.False => From(false),
        JsonValueKind.Number => new(ValueKind.Number, element: element, number: Number.FromJson(element)),
        JsonValueKind.String => From(ReadString(element)),
        JsonValueKind.Array => new(ValueKind.Array, element: element),
        JsonValueKind.Object => new(ValueKind.Object, element: element),
        _ => Null,
    };

    /// <summary>How the kind reads in an error message, such as "a string".</summary>
    public string Describe() => Describe(Kind);

    /// <summary>How a kind reads in an error message.</summary>
    /// <param name="kind">The kind.</param>
    public static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "a boolean",
        ValueKind.Number => "a number",
        ValueKind.String => "a string",
        ValueKind.Array => "an array",
        _ => "an object",
    };

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // JSON may escape a lone surrogate ("\ud800"), which no .NET string API accepts; keep the escaped text
            // rather than fail, so evaluation never throws.
            var raw = element.GetRawText();
            return raw.Length >= 2 ? raw[1..^1] : raw;
        }
    }
}
