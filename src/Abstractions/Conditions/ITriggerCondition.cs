using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Abstractions.Conditions;

/// <summary>Decides whether an authenticated request starts anything. All of a hook's conditions must hold.</summary>
public interface ITriggerCondition
{
    /// <summary>Whether the condition holds for the request.</summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    ValueTask<bool> IsMetAsync(WebhookRequest request, CancellationToken cancellationToken);
}
