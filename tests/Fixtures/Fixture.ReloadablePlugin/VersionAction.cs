using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Fixture.ReloadablePlugin;

/// <summary>The "fixture-version" action: outputs the build ("v1" or "v2"), once the payload's <c>waitFor</c> file exists.</summary>
public sealed class VersionAction : IRunActionFactory, IRunAction
{
    public string Type => "fixture-version";

    public IRunAction Create(ComponentSettings settings) => this;

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        using (var input = JsonDocument.Parse(context.Input))
        {
            if (input.RootElement.TryGetProperty("waitFor", out var gate) && gate.GetString() is { } path)
            {
                // Bounded, so a test that never opens the gate fails instead of hanging.
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (!File.Exists(path) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
        }

        return RunResult.Success(ReloadablePlugin.Build);
    }
}
