using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Plugins.Tests.Actions.Command;

/// <summary>Run contexts for the command action's tests.</summary>
internal static class RunContexts
{
    public static readonly Guid EventId = Guid.Parse("0b8f6f4e-5d0a-4c55-9a43-3a1b2c3d4e5f");

    public static RunContext With(string input = """{"action":"opened"}""", Dictionary<string, string[]>? headers = null) =>
        new(
            RunId: "run-42",
            HookName: "demo",
            RequestId: "req-7",
            EventId: EventId,
            Attempt: 3,
            Input: input,
            Headers: headers ?? new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase),
            Body: default);
}
