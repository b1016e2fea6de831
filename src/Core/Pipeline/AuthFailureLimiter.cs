using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>The host's one count of failed hook authentications, per hook and client address (see <see cref="FailureLimitBehavior"/>).</summary>
internal sealed class AuthFailureLimiter(AuthFailureOptions options) : IDisposable
{
    public FailureLimiter Failures { get; } = new(options.Limit, TimeSpan.FromSeconds(options.WindowSeconds));

    public void Dispose() => Failures.Dispose();
}
