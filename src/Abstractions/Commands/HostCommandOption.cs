namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>An option of a <see cref="IHostCommand"/>, as <c>--help</c> shows it.</summary>
/// <param name="Name">The option with its dashes, such as <c>--hook</c>.</param>
/// <param name="Description">What it does, one line.</param>
public sealed record HostCommandOption(string Name, string Description)
{
    /// <summary>The placeholder of its value, such as <c>NAME</c>; null for a flag that takes no value.</summary>
    public string? Value { get; init; }

    /// <summary>Whether the option may be given more than once.</summary>
    public bool Repeatable { get; init; }

    /// <summary>
    /// Accepted but not shown in help: for an option the verb refuses with its own explanation (a secret on the command
    /// line, say), so that the verb, not the host's parser, answers it.
    /// </summary>
    public bool Hidden { get; init; }
}
