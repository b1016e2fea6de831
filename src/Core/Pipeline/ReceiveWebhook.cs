using MediatR;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// The inbound request travelling through the pipeline. Each behaviour fills in what it establishes (the
/// hook, the body, who sent it, whether it triggers) for the ones after it.
/// </summary>
internal sealed class ReceiveWebhook(InboundWebhook inbound, string requestId) : IRequest<ReceiveOutcome>
{
    public InboundWebhook Inbound { get; } = inbound;

    public string RequestId { get; } = requestId;

    /// <summary>Set by <see cref="ResolveHookBehavior"/>.</summary>
    public Hook? Hook { get; set; }

    /// <summary>Set by <see cref="LimitsBehavior"/> once the body is read within the hook's limit.</summary>
    public WebhookRequest? Request { get; set; }

    /// <summary>Set by <see cref="AuthenticateBehavior"/>.</summary>
    public AuthResult? Auth { get; set; }

    /// <summary>Cleared by <see cref="ConditionsBehavior"/> when a condition is not met: the event is kept, no run starts.</summary>
    public bool Triggered { get; set; } = true;

    /// <summary>Set by <see cref="DeduplicateBehavior"/> when the request carries an idempotency key.</summary>
    public IdempotencyKey? IdempotencyKey { get; set; }

    public ReceiveOutcome Outcome(ReceiveStatus status, string? detail = null) => new(status, RequestId) { Detail = detail };
}
