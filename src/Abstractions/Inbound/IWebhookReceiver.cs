namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// The host's entry to the inbound pipeline (resolve hook, limits, authenticate, conditions, de-duplicate,
/// handle). API surfaces translate their wire format into an <see cref="InboundWebhook"/>, call this, and
/// translate the <see cref="ReceiveOutcome"/> back.
/// </summary>
public interface IWebhookReceiver
{
    /// <summary>Runs the request through the pipeline. A <see cref="ReceiveStatus.Accepted"/> outcome is on disk.</summary>
    /// <param name="webhook">The request.</param>
    /// <param name="cancellationToken">Cancels reading the request.</param>
    Task<ReceiveOutcome> ReceiveAsync(InboundWebhook webhook, CancellationToken cancellationToken);
}
