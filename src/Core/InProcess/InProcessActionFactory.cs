using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Core.InProcess;

/// <summary>
/// The <c>in-process</c> action: runs a handler the embedding app registered with
/// <c>WebhooksBuilder.AddHandler</c>; the hook names it in <c>settings.handler</c>.
/// </summary>
internal sealed class InProcessActionFactory(IEnumerable<InProcessHandler> handlers, IServiceScopeFactory scopes) : IRunActionFactory
{
    public const string TypeName = "in-process";

    private readonly Dictionary<string, InProcessHandler> _handlers = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public string Type => TypeName;

    public IRunAction Create(ComponentSettings settings)
    {
        var name = settings.Required("handler");
        return _handlers.TryGetValue(name, out var handler)
            ? new InProcessAction(handler, scopes)
            : throw settings.Error("handler", $"no in-process handler named '{name}' (registered: {(_handlers.Count == 0 ? "none" : string.Join(", ", _handlers.Keys))})");
    }
}
