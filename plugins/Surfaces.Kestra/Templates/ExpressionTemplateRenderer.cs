using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Surfaces.Kestra.Templates;

/// <summary>
/// Templates in the language of the expression plugin (its <see cref="Template"/>): every <c>{{ expression }}</c>
/// renders as its value, a string as it is, null (and a path that leads nowhere) as nothing, anything else as compact
/// JSON. Unlike the plugin's own rendering, a placeholder that fails to evaluate (such as <c>'a' &lt; 1</c>) is an
/// error: Kestra fails the task whose template cannot be rendered, and so does this surface.
/// </summary>
internal sealed class ExpressionTemplateRenderer : ITemplateRenderer
{
    public string? SyntaxError(string template)
    {
        try
        {
            Template.Parse(template);
            return null;
        }
        catch (ExpressionSyntaxException exception)
        {
            return exception.Message;
        }
    }

    public string Render(string template, JsonElement root)
    {
        ParsedTemplate parsed;
        try
        {
            parsed = Template.Parse(template);
        }
        catch (ExpressionSyntaxException exception)
        {
            throw new TemplateException(exception.Message, exception);
        }

        var text = parsed.Render(root, out var errors);
        return errors.Count == 0 ? text : throw new TemplateException(string.Join("; ", errors));
    }
}
