namespace Webhooks.Modular.Core.Health;

/// <summary>Names of the engine's own checks, as listed in the readiness answer.</summary>
internal static class HealthTags
{
    public const string DataProtection = "data-protection";
    public const string Workers = "workers";
}
