namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>One step of a path: a property name (<c>.name</c> or <c>['name']</c>) or an array index (<c>[0]</c>).</summary>
/// <param name="Name">The property name, or <c>null</c> for an index.</param>
/// <param name="Index">The array index when <paramref name="Name"/> is <c>null</c>.</param>
internal readonly record struct PathSegment(string? Name, int Index)
{
    /// <summary>A property step.</summary>
    /// <param name="name">The property name.</param>
    public static PathSegment Property(string name) => new(name, 0);

    /// <summary>An index step.</summary>
    /// <param name="index">The array index, 0 or more.</param>
    public static PathSegment At(int index) => new(null, index);
}
