using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Samples.Greeting;

/// <summary>The action <c>greet</c>. Its constructor takes services from the host's container (DI).</summary>
public sealed class GreetActionFactory(GreetingOptions options, ILogger<GreetAction> logger) : IRunActionFactory
{
    /// <summary>The name hooks give in <c>action.type</c>.</summary>
    public string Type => "greet";

    /// <summary>Builds this hook's action from its <c>action.settings</c>.</summary>
    public IRunAction Create(ComponentSettings settings) =>
        new GreetAction(options.Salutation, settings.Optional("field") ?? "name", logger);
}
