using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// Turns a claimed delivery into the message a channel sends: the destination's secrets decrypted (the current one and
/// any still in their grace period), its headers, and its stored credential's headers. Secrets exist in clear only here,
/// for the attempt.
/// </summary>
internal sealed class OutboundMessageBuilder(ISecretProtector protector, ICredentialStore? credentials)
{
    /// <summary>The message, or an error naming what is missing (a deleted credential).</summary>
    public async Task<(OutboundMessage? Message, string? Error)> BuildAsync(
        DestinationRecord destination, DeliveryRecord delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(destination.Headers, StringComparer.OrdinalIgnoreCase);
        if (destination.CredentialId is { } credentialId)
        {
            var credential = credentials is null ? null : await credentials.GetCredentialAsync(credentialId, cancellationToken);
            if (credential is null)
            {
                return (null, $"credential '{credentialId}' does not exist");
            }

            var data = JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(credential.ProtectedData)) ?? [];
            foreach (var (name, value) in CredentialHeaders.For(credential.Type, data))
            {
                headers[name] = value;
            }
        }

        // Newest first, whatever order the store kept: the current secret (no expiry), then the rotated-out ones by
        // how long they still sign, so the oldest comes last. Schemes whose receivers keep only one entry of a
        // repeated key (Danube's guide keeps the last) depend on this order.
        var secrets = destination.Secrets
            .Where(s => s.ExpiresAt is null || s.ExpiresAt > now)
            .OrderBy(s => s.ExpiresAt is null ? 0 : 1)
            .ThenByDescending(s => s.ExpiresAt)
            .Select(s => protector.Unprotect(s.Protected))
            .ToArray();
        var message = new OutboundMessage(
            delivery.Id,
            destination.Id,
            delivery.EventType,
            delivery.Attempts + 1,
            new Uri(destination.Url),
            destination.Method,
            delivery.ContentType,
            delivery.Body,
            headers,
            destination.Signing,
            secrets,
            now);
        return (message, null);
    }
}
