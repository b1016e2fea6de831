namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>
/// A verb of the host's command line, contributed by a plugin: <c>Webhooks.Modular.Host &lt;name&gt; [args]</c>
/// runs it against the deployment's services (its storage, its hooks) without starting the server.
/// </summary>
public interface IHostCommand
{
    /// <summary>The verb, such as <c>token</c>.</summary>
    string Name { get; }

    /// <summary>One line for the list of commands.</summary>
    string Description { get; }

    /// <summary>Runs the command; the result is the process exit code (0 for success, 2 for a usage error).</summary>
    /// <param name="context">Arguments after the verb, output and error writers, the deployment's services.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken);
}
