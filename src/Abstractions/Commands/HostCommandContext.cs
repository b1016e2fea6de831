namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>What a <see cref="IHostCommand"/> runs with.</summary>
/// <param name="Arguments">The arguments after the verb.</param>
/// <param name="Output">Where results go (standard output).</param>
/// <param name="Error">Where errors go (standard error): one clear line each.</param>
/// <param name="Services">The deployment's services.</param>
public sealed record HostCommandContext(IReadOnlyList<string> Arguments, TextWriter Output, TextWriter Error, IServiceProvider Services)
{
    /// <summary>
    /// True when <see cref="Output"/> is a terminal, so progress may redraw one line; false (the default) when it is
    /// redirected to a file or a pipe, where progress must be plain lines. <see cref="CommandProgress"/> reads it.
    /// </summary>
    public bool IsTerminal { get; init; }
}
