using System.Text.Json;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>The trigger that created an execution.</summary>
/// <param name="Id">The trigger's id.</param>
/// <param name="Type">Its type: Kestra's webhook trigger.</param>
/// <param name="Variables">Its variables: <c>body</c>, <c>headers</c>, <c>parameters</c>.</param>
internal sealed record ExecutionTriggerView(string Id, string Type, JsonElement Variables);
