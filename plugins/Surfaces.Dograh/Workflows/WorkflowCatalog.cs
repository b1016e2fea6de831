namespace Webhooks.Modular.Surfaces.Dograh.Workflows;

/// <summary>The configured workflows with their webhook nodes, read once at start.</summary>
/// <param name="workflows">The workflows, in configuration order.</param>
internal sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> workflows)
{
    /// <summary>The workflows, in configuration order.</summary>
    public IReadOnlyList<WorkflowDefinition> Workflows { get; } = workflows;

    /// <summary>Reads every workflow's definition file; a bad one throws a configuration error naming the file and node.</summary>
    /// <param name="options">The checked settings.</param>
    public static WorkflowCatalog Load(DograhOptions options) =>
        new(options.Workflows.Select(w => new WorkflowDefinition(w, WorkflowDefinitionReader.LoadFile(w.File))).ToArray());

    /// <summary>The nodes that authenticate with a credential, as <c>workflow N node 'id'</c>.</summary>
    /// <param name="credentialId">The credential's uuid.</param>
    public IReadOnlyList<string> NodesUsing(string credentialId) =>
        Workflows
            .SelectMany(w => w.Webhooks.Where(n => string.Equals(n.CredentialUuid, credentialId, StringComparison.OrdinalIgnoreCase))
                .Select(n => $"workflow {w.Settings.Id} node '{n.Id}'"))
            .ToArray();
}
