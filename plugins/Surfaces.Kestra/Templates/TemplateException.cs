namespace Webhooks.Modular.Surfaces.Kestra.Templates;

/// <summary>A template that cannot be rendered (a syntax error, a missing variable); the task that renders it fails.</summary>
/// <param name="message">What is wrong, naming the expression.</param>
/// <param name="inner">The renderer's own error, if any.</param>
internal sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
