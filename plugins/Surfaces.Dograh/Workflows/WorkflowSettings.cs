namespace Webhooks.Modular.Surfaces.Dograh.Workflows;

/// <summary>One entry of the plugin's <c>workflows</c> setting.</summary>
/// <param name="Id">Dograh's workflow id (<c>workflow_id</c>), a positive integer.</param>
/// <param name="Name">The workflow's name (<c>workflow_name</c>).</param>
/// <param name="Hook">The host hook whose runs are this workflow's runs.</param>
/// <param name="File">The workflow definition file, absolute.</param>
/// <param name="Index">Its position in <c>workflows</c>, for messages.</param>
internal sealed record WorkflowSettings(int Id, string Name, string Hook, string File, int Index);
