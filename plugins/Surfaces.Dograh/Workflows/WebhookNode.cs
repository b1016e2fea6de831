using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Dograh.Workflows;

/// <summary>A <c>type: "webhook"</c> node of a workflow definition, checked.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="Name">Its <c>data.name</c> (the id when not given).</param>
/// <param name="Enabled">Its <c>data.enabled</c> (default true).</param>
/// <param name="HttpMethod">Its <c>data.http_method</c>, upper case (default POST).</param>
/// <param name="EndpointUrl">Its <c>data.endpoint_url</c>, an absolute http(s) URL.</param>
/// <param name="CredentialUuid">Its <c>data.credential_uuid</c>, a UUID in canonical form, or <c>null</c>.</param>
/// <param name="CustomHeaders">Its <c>data.custom_headers</c>.</param>
/// <param name="PayloadTemplate">Its <c>data.payload_template</c>, or <c>null</c>.</param>
/// <param name="Retry">Its <c>data.retry_config</c> as a retry policy (none unless enabled).</param>
internal sealed record WebhookNode(
    string Id,
    string Name,
    bool Enabled,
    string HttpMethod,
    Uri EndpointUrl,
    string? CredentialUuid,
    IReadOnlyDictionary<string, string> CustomHeaders,
    JsonNode? PayloadTemplate,
    RetryPolicy Retry);
