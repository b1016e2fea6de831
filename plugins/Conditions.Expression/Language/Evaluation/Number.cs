using System.Globalization;
using System.Text.Json;

namespace Webhooks.Modular.Conditions.Expression.Language.Evaluation;

/// <summary>
/// A number as the language sees it: a <see cref="decimal"/> when it fits exactly enough (so <c>0.1 == 0.1</c> and
/// <c>1 == 1.0</c> hold), otherwise a <see cref="double"/>.
/// </summary>
internal readonly struct Number
{
    private readonly decimal _decimal;
    private readonly double _double;
    private readonly bool _isDouble;

    private Number(decimal value)
    {
        _decimal = value;
    }

    private Number(double value)
    {
        _double = value;
        _isDouble = true;
    }

    /// <summary>The number as a double, for comparing with one that is not a decimal.</summary>
    public double AsDouble => _isDouble ? _double : (double)_decimal;

    /// <summary>Parses a number literal (<c>-12</c>, <c>1.5</c>, <c>2e3</c>); false when it does not fit a finite double.</summary>
    /// <param name="text">The literal.</param>
    /// <param name="number">The number.</param>
    public static bool TryParse(string text, out Number number)
    {
        number = default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var asDouble) || !double.IsFinite(asDouble))
        {
            return false;
        }

        number = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var asDecimal) && Faithful(asDecimal, asDouble)
            ? new Number(asDecimal)
            : new Number(asDouble);
        return true;
    }

    /// <summary>The number of a JSON number element.</summary>
    /// <param name="element">A JSON number.</param>
    public static Number FromJson(JsonElement element)
    {
        // A JSON number always reads as a double (possibly infinite, for 1e400); a decimal is preferred when it is faithful.
        element.TryGetDouble(out var asDouble);
        return element.TryGetDecimal(out var asDecimal) && Faithful(asDecimal, asDouble) ? new Number(asDecimal) : new Number(asDouble);
    }

    /// <summary>Orders two numbers.</summary>
    /// <param name="other">The other number.</param>
    public int CompareTo(Number other) =>
        _isDouble || other._isDouble ? AsDouble.CompareTo(other.AsDouble) : _decimal.CompareTo(other._decimal);

    /// <summary>Whether two numbers are equal by value (<c>1</c> and <c>1.0</c> are).</summary>
    /// <param name="other">The other number.</param>
    public bool NumericallyEquals(Number other) => CompareTo(other) == 0;

    /// <summary>The number as JSON text.</summary>
    public override string ToString() =>
        _isDouble ? _double.ToString("R", CultureInfo.InvariantCulture) : _decimal.ToString(CultureInfo.InvariantCulture);

    // decimal silently turns 1e-40 into 0; such a number is kept as a double instead.
    private static bool Faithful(decimal asDecimal, double asDouble) => asDecimal != 0 || asDouble == 0;
}
