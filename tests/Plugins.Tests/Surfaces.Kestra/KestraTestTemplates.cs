using Webhooks.Modular.Surfaces.Kestra.Templates;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

/// <summary>The template renderer the plugin registers.</summary>
internal static class KestraTestTemplates
{
    public static ITemplateRenderer Renderer { get; } = new ExpressionTemplateRenderer();
}
