using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Conditions.Expression;

/// <summary>
/// Provides the <c>expression</c> condition (also named <c>io.kestra.plugin.core.condition.ExpressionCondition</c>):
/// the request starts a run only when an expression over it, such as <c>{{ trigger.body.action == 'opened' }}</c>, holds.
/// </summary>
public sealed class ExpressionConditionPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        foreach (var type in new[] { ExpressionConditionFactory.ExpressionType, ExpressionConditionFactory.KestraType })
        {
            services.AddSingleton<ITriggerConditionFactory>(provider =>
                new ExpressionConditionFactory(type, provider.GetRequiredService<ILogger<ExpressionCondition>>()));
        }
    }
}
