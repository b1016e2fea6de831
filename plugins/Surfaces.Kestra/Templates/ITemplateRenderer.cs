using System.Text.Json;

namespace Webhooks.Modular.Surfaces.Kestra.Templates;

/// <summary>Renders Kestra templates (<c>{{ trigger.body.hello }}</c>) against an execution's variables.</summary>
internal interface ITemplateRenderer
{
    /// <summary>What is wrong with a template's syntax, or <c>null</c> when it parses; checked when flows load.</summary>
    /// <param name="template">The text with <c>{{ ... }}</c> expressions.</param>
    string? SyntaxError(string template);

    /// <summary>The rendered text; throws <see cref="TemplateException"/> when the template cannot be rendered.</summary>
    /// <param name="template">The text with <c>{{ ... }}</c> expressions.</param>
    /// <param name="root">The variables: <c>trigger</c>, <c>flow</c>, <c>execution</c>, <c>task</c>.</param>
    string Render(string template, JsonElement root);
}
