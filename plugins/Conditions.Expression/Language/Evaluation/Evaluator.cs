using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language.Ast;

namespace Webhooks.Modular.Conditions.Expression.Language.Evaluation;

/// <summary>
/// Evaluates a parsed expression over a JSON root by walking the tree: no reflection, no code generation, and no way
/// to reach anything but the root's properties. Every failure is an <see cref="Outcome"/> error, never an exception.
/// </summary>
internal static class Evaluator
{
    // Deeper than any JSON System.Text.Json reads by default (64); stops a hostile root from exhausting the stack.
    private const int MaxCompareDepth = 256;

    /// <summary>Evaluates a node.</summary>
    /// <param name="node">The node.</param>
    /// <param name="root">The root; paths start at its properties (a root that is not an object has none).</param>
    public static Outcome Evaluate(Node node, JsonElement root)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return Outcome.Fail(node.Column, "the expression is nested too deeply to evaluate");
        }

        return node switch
        {
            LiteralNode literal => Outcome.Of(literal.Value),
            PathNode path => Outcome.Of(Resolve(path, root)),
            NotNode not => Not(not, root),
            LogicalNode logical => Logical(logical, root),
            BinaryNode binary => Binary(binary, root),
            InNode @in => In(@in, root),
            _ => Outcome.Fail(node.Column, "unknown kind of expression"),
        };
    }

    /// <summary>A property of an object: the exact name, else the first whose name differs only in case.</summary>
    /// <param name="element">An object.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The property's value.</param>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (TryGetExactProperty(element, name, out value))
        {
            return true;
        }

        // Header names arrive in whatever case the sender (or HTTP/2, which lowercases them) chose.
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is { } candidate && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool TryGetExactProperty(JsonElement element, string name, out JsonElement value)
    {
        try
        {
            return element.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            // Some property name escapes a lone surrogate, which the fast lookup refuses to unescape; compare one by one.
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(NameOf(property), name, StringComparison.Ordinal))
                {
                    value = property.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }

    private static Value Resolve(PathNode path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !TryGetProperty(root, path.Root, out var current))
        {
            return Value.Null;
        }

        foreach (var segment in path.Segments)
        {
            if (current.ValueKind == JsonValueKind.Array && segment.Name is null)
            {
                if (segment.Index >= current.GetArrayLength())
                {
                    return Value.Null;
                }

                current = current[segment.Index];
            }
            else if (current.ValueKind == JsonValueKind.Object)
            {
                var name = segment.Name ?? segment.Index.ToString(CultureInfo.InvariantCulture);
                if (!TryGetProperty(current, name, out current))
                {
                    return Value.Null;
                }
            }
            else
            {
                return Value.Null;
            }
        }

        return Value.From(current);
    }

    private static Outcome Not(NotNode not, JsonElement root)
    {
        var operand = Evaluate(not.Operand, root);
        if (!operand.Succeeded)
        {
            return operand;
        }

        return operand.Value.Kind == ValueKind.Boolean
            ? Outcome.Of(!operand.Value.Boolean)
            : Outcome.Fail(not.Column, $"'not' needs true or false, not {operand.Value.Describe()}");
    }

    private static Outcome Logical(LogicalNode logical, JsonElement root)
    {
        var isAnd = logical.Operator == LogicalOperator.And;
        foreach (var operandNode in logical.Operands)
        {
            var operand = Evaluate(operandNode, root);
            if (!operand.Succeeded)
            {
                return operand;
            }

            if (operand.Value.Kind != ValueKind.Boolean)
            {
                return Outcome.Fail(operandNode.Column, $"'{(isAnd ? "and" : "or")}' needs true or false on each side, not {operand.Value.Describe()}");
            }

            // Stop at the first operand that decides: false for 'and', true for 'or'.
            if (operand.Value.Boolean != isAnd)
            {
                return Outcome.Of(!isAnd);
            }
        }

        return Outcome.Of(isAnd);
    }

    private static Outcome In(InNode @in, JsonElement root)
    {
        var operand = Evaluate(@in.Operand, root);
        if (!operand.Succeeded)
        {
            return operand;
        }

        foreach (var candidate in @in.Values)
        {
            if (AreEqual(operand.Value, candidate, 0) is not { } equal)
            {
                return Outcome.Fail(@in.Column, "the value is nested too deeply to compare");
            }

            if (equal)
            {
                return Outcome.Of(true);
            }
        }

        return Outcome.Of(false);
    }

    private static Outcome Binary(BinaryNode binary, JsonElement root)
    {
        var left = Evaluate(binary.Left, root);
        if (!left.Succeeded)
        {
            return left;
        }

        var right = Evaluate(binary.Right, root);
        if (!right.Succeeded)
        {
            return right;
        }

        var (l, r) = (left.Value, right.Value);
        var symbol = BinaryNode.Symbol(binary.Operator);
        switch (binary.Operator)
        {
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                return AreEqual(l, r, 0) is { } equal
                    ? Outcome.Of(equal == (binary.Operator == BinaryOperator.Equal))
                    : Outcome.Fail(binary.Column, "the values are nested too deeply to compare");
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                int order;
                if (l.Kind == ValueKind.Number && r.Kind == ValueKind.Number)
                {
                    order = l.Number.CompareTo(r.Number);
                }
                else if (l.Kind == ValueKind.String && r.Kind == ValueKind.String)
                {
                    order = string.CompareOrdinal(l.String, r.String);
                }
                else
                {
                    return Outcome.Fail(binary.Column, $"'{symbol}' orders two numbers or two strings, not {l.Describe()} and {r.Describe()}");
                }

                return Outcome.Of(binary.Operator switch
                {
                    BinaryOperator.Less => order < 0,
                    BinaryOperator.LessOrEqual => order <= 0,
                    BinaryOperator.Greater => order > 0,
                    _ => order >= 0,
                });
            case BinaryOperator.Contains:
                return Contains(binary, l, r);
            default:
                // startsWith / endsWith: a missing (null) text starts and ends with nothing.
                if (l.Kind == ValueKind.Null && r.Kind == ValueKind.String)
                {
                    return Outcome.Of(false);
                }

                if (l.Kind != ValueKind.String || r.Kind != ValueKind.String)
                {
                    return Outcome.Fail(binary.Column, $"'{symbol}' needs two strings, not {l.Describe()} and {r.Describe()}");
                }

                return Outcome.Of(binary.Operator == BinaryOperator.StartsWith
                    ? l.String.StartsWith(r.String, StringComparison.Ordinal)
                    : l.String.EndsWith(r.String, StringComparison.Ordinal));
        }
    }

    private static Outcome Contains(BinaryNode binary, Value l, Value r)
    {
        switch (l.Kind)
        {
            case ValueKind.String when r.Kind == ValueKind.String:
                return Outcome.Of(l.String.Contains(r.String, StringComparison.Ordinal));
            case ValueKind.Object when r.Kind == ValueKind.String:
                return Outcome.Of(TryGetProperty(l.Element, r.String, out _));
            case ValueKind.Null:
                // A missing field contains nothing.
                return Outcome.Of(false);
            case ValueKind.Array:
                foreach (var item in l.Element.EnumerateArray())
                {
                    if (AreEqual(Value.From(item), r, 0) is not { } equal)
                    {
                        return Outcome.Fail(binary.Column, "the values are nested too deeply to compare");
                    }

                    if (equal)
                    {
                        return Outcome.Of(true);
                    }
                }

                return Outcome.Of(false);
            default:
                return Outcome.Fail(binary.Column, l.Kind is ValueKind.String or ValueKind.Object
                    ? $"'contains' on {l.Describe()} needs a string on the right, not {r.Describe()}"
                    : $"'contains' works on a string, an array or an object, not {l.Describe()}");
        }
    }

    /// <summary>Equality by value: different kinds are unequal; arrays and objects compare element by element. Null when too deep.</summary>
    private static bool? AreEqual(Value a, Value b, int depth)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        switch (a.Kind)
        {
            case ValueKind.Null:
                return true;
            case ValueKind.Boolean:
                return a.Boolean == b.Boolean;
            case ValueKind.Number:
                return a.Number.NumericallyEquals(b.Number);
            case ValueKind.String:
                return string.Equals(a.String, b.String, StringComparison.Ordinal);
        }

        if (depth >= MaxCompareDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        if (a.Kind == ValueKind.Array)
        {
            if (a.Element.GetArrayLength() != b.Element.GetArrayLength())
            {
                return false;
            }

            using var left = a.Element.EnumerateArray();
            using var right = b.Element.EnumerateArray();
            while (left.MoveNext() && right.MoveNext())
            {
                if (AreEqual(Value.From(left.Current), Value.From(right.Current), depth + 1) is not true and var result)
                {
                    return result;
                }
            }

            return true;
        }

        if (a.Element.GetPropertyCount() != b.Element.GetPropertyCount())
        {
            return false;
        }

        foreach (var property in a.Element.EnumerateObject())
        {
            if (NameOf(property) is not { } name || !TryGetExactProperty(b.Element, name, out var other))
            {
                return false;
            }

            if (AreEqual(Value.From(property.Value), Value.From(other), depth + 1) is not true and var result)
            {
                return result;
            }
        }

        return true;
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // A name escaping a lone surrogate cannot become a string; it matches nothing.
            return null;
        }
    }
}
