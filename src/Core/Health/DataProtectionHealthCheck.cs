using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Webhooks.Modular.Core.Health;

/// <summary>
/// The key ring that encrypts destination secrets and credentials is readable: a value protected now can be read
/// back. A key folder that lost its permissions or its files fails here instead of on the next delivery.
/// </summary>
internal sealed class DataProtectionHealthCheck(IDataProtectionProvider provider) : IHealthCheck
{
    private static readonly byte[] Probe = "readyz"u8.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var protector = provider.CreateProtector("Webhooks.Modular.Health");
            var back = protector.Unprotect(protector.Protect(Probe));
            return Task.FromResult(back.AsSpan().SequenceEqual(Probe)
                ? HealthCheckResult.Healthy("key ring readable")
                : HealthCheckResult.Unhealthy("key ring gave back a different value"));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The exception's text may name the key folder, which is not a secret but is not the caller's business.
            return Task.FromResult(HealthCheckResult.Unhealthy($"key ring not usable ({e.GetType().Name})", e));
        }
    }
}
