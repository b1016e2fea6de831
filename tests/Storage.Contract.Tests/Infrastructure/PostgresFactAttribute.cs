namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>A fact that needs the PostgreSQL server named by <see cref="PostgresEnvironment.VariableName"/>; skipped, with the reason shown, without it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the server is not configured.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresEnvironment.SkipReasonIfUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
