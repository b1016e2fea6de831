using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Events;

/// <summary>Finds the event triggers a published event starts: subject pattern matches, enabled, every condition met.</summary>
internal sealed class TriggerMatcher(HookRegistry hooks, TimeProvider clock, ILogger<TriggerMatcher> logger)
{
    /// <param name="subject">The event's subject.</param>
    /// <param name="request">The event as conditions see it (its payload as the body).</param>
    /// <param name="payload">The runs' input.</param>
    /// <param name="cancellationToken">Cancels condition evaluation.</param>
    public async Task<IReadOnlyList<NewRun>> MatchAsync(string subject, WebhookRequest request, string payload, CancellationToken cancellationToken)
    {
        List<NewRun>? runs = null;
        foreach (var listed in hooks.EventTriggers)
        {
            if (!listed.Enabled || !listed.Subject!.Matches(subject))
            {
                continue;
            }

            // Held while its conditions run: a reloadable plugin's build is not unloaded under them.
            using var lease = hooks.Acquire(listed);
            if (lease is null)
            {
                continue;
            }

            var trigger = lease.Hook;

            if (await AllConditionsMetAsync(trigger, request, cancellationToken))
            {
                (runs ??= []).Add(new NewRun(Guid.CreateVersion7(clock.GetUtcNow()).ToString(), trigger.Name, trigger.ActionType, payload, trigger.MaxAttempts));
            }
        }

        return runs ?? (IReadOnlyList<NewRun>)[];
    }

    private async Task<bool> AllConditionsMetAsync(Hook trigger, WebhookRequest request, CancellationToken cancellationToken)
    {
        foreach (var condition in trigger.Conditions)
        {
            try
            {
                if (!await condition.IsMetAsync(request, cancellationToken))
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A condition that cannot be evaluated does not hold; the event itself is still stored.
                Log.ConditionFailed(logger, trigger.Name, ex.Message);
                return false;
            }
        }

        return true;
    }
}
