using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Surfaces.Dograh.Diagnostics;

/// <summary>The Dograh surface's log messages, with stable event ids. None of them carries credential data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7601, Level = LogLevel.Information, Message = "Dograh: {Count} webhook node(s) declared as destinations ({Enabled} enabled)")]
    public static partial void NodesDeclared(ILogger logger, int count, int enabled);

    [LoggerMessage(EventId = 7602, Level = LogLevel.Information, Message = "Dograh: destination {DestinationId} removed: its webhook node is no longer configured")]
    public static partial void StaleDestinationDeleted(ILogger logger, string destinationId);

    [LoggerMessage(EventId = 7603, Level = LogLevel.Warning, Message = "Dograh: workflow {WorkflowId} node '{NodeId}' names credential {CredentialId}, which is not stored yet; create it (POST /api/v1/credentials or the credential command) before its runs finish")]
    public static partial void CredentialMissing(ILogger logger, int workflowId, string nodeId, string credentialId);

    [LoggerMessage(EventId = 7604, Level = LogLevel.Warning, Message = "Dograh: destination {DestinationId} has no readable webhook-node template; nothing rendered")]
    public static partial void UnreadableTemplate(ILogger logger, string destinationId);

    [LoggerMessage(EventId = 7605, Level = LogLevel.Warning, Message = "Dograh: event {EventId} is not a JSON object; nothing rendered for destination {DestinationId}")]
    public static partial void UnreadableEvent(ILogger logger, Guid eventId, string destinationId);

    [LoggerMessage(EventId = 7606, Level = LogLevel.Information, Message = "Dograh: credential {CredentialId} ({Type}) {Change} by user {UserId}")]
    public static partial void CredentialChanged(ILogger logger, string credentialId, string type, string change, string userId);
}
