namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>What a <see cref="IHostCommand"/> runs with.</summary>
/// <param name="Arguments">The arguments after the verb.</param>
/// <param name="Output">Where results go (standard output).</param>
/// <param name="Error">Where errors go (standard error): one clear line each.</param>
/// <param name="Services">The deployment's services.</param>
public sealed record HostCommandContext(IReadOnlyList<string> Arguments, TextWriter Output, TextWriter Error, IServiceProvider Services);
