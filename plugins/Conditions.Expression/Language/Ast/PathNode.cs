using System.Globalization;
using System.Text;

namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>A path into the JSON root, such as <c>trigger.headers['X-Kind'][0]</c>.</summary>
/// <param name="Root">The first name, a property of the root object.</param>
/// <param name="Segments">The steps after it.</param>
/// <param name="Column">Where the path starts.</param>
internal sealed record PathNode(string Root, IReadOnlyList<PathSegment> Segments, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Root);
        foreach (var segment in Segments)
        {
            if (segment.Name is null)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsPlainName(segment.Name))
            {
                text.Append('.').Append(segment.Name);
            }
            else
            {
                text.Append('[').Append(LiteralNode.Quote(segment.Name)).Append(']');
            }
        }

        return text.ToString();
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
