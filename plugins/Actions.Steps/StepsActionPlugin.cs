using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Actions.Steps;

/// <summary>
/// Provides the <c>steps</c> run action: <c>{ "file": "workflows/build.yaml" }</c> runs the file's
/// <c>steps: [{ id | name, command }]</c> in order with the deployment's <c>command</c> action. See the README.
/// </summary>
public sealed class StepsActionPlugin : WebhookPlugin
{
    /// <inheritdoc />
    /// <remarks>Every step is a <c>command</c> action.</remarks>
    public override IReadOnlyList<string> DependsOn => ["Actions.Command"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IRunActionFactory>(sp => new StepsActionFactory(
            () => sp.GetServices<IRunActionFactory>().FirstOrDefault(f => f.Type == StepsActionFactory.CommandActionType)));
}
