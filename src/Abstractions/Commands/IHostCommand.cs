namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>
/// A verb of the host's command line, contributed by a plugin: <c>Webhooks.Modular.Host &lt;name&gt; [args]</c>
/// runs it against the deployment's services (its storage, its hooks) without starting the server.
/// </summary>
/// <remarks>
/// The host lists the verb, its <see cref="Arguments"/>, <see cref="Options"/> and <see cref="Examples"/> in
/// <c>--help</c> and <c>help &lt;name&gt;</c>, and refuses an option the verb does not declare with a one-line usage
/// error (exit 2) before <see cref="RunAsync"/> runs. A verb that declares no options gets every argument as given.
/// </remarks>
public interface IHostCommand
{
    /// <summary>The verb, such as <c>token</c>.</summary>
    string Name { get; }

    /// <summary>One line for the list of commands.</summary>
    string Description { get; }

    /// <summary>What the positional arguments after the verb are, such as <c>create | rotate | list | revoke ID</c>; null when it takes none.</summary>
    string? Arguments => null;

    /// <summary>The options the verb takes, each described, for <c>--help</c> and for checking the command line.</summary>
    IReadOnlyList<HostCommandOption> Options => [];

    /// <summary>Whole example command lines without the executable's name, such as <c>token create --hook github --expires-in 30d</c>.</summary>
    IReadOnlyList<string> Examples => [];

    /// <summary>Runs the command; the result is the process exit code (0 for success, 2 for a usage error).</summary>
    /// <param name="context">Arguments after the verb, output and error writers, the deployment's services.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken);
}
