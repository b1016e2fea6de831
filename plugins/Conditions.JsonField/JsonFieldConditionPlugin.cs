using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Conditions.JsonField;

/// <summary>Provides the <c>json-field</c> condition: a field of the JSON body equals a value, is one of several, or exists.</summary>
public sealed class JsonFieldConditionPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<ITriggerConditionFactory, JsonFieldConditionFactory>();
}
