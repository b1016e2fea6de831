using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Fixture.ThrowingPlugin;

/// <summary>Action type <c>explode</c>: its factory throws instead of building the action.</summary>
public sealed class ExplodingActionFactory : IRunActionFactory
{
    public string Type => "explode";

    public IRunAction Create(ComponentSettings settings) => throw new FormatException("the action's factory broke");
}
