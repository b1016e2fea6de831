namespace Webhooks.Modular.Surfaces.Dagu.Trigger;

/// <summary>
/// Thrown from <see cref="Abstractions.Inbound.InboundWebhook.SelectRunId"/> when the body's <c>dagRunId</c> is not
/// acceptable. The selector runs inside the pipeline, after authentication and before anything is stored, and the
/// contract gives it no way to refuse a request; the trigger endpoint catches this and answers 400.
/// </summary>
internal sealed class DagRunIdRejectedException(string message) : Exception(message);
