namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>A theory that needs the PostgreSQL server named by <see cref="PostgresEnvironment.VariableName"/>; skipped, with the reason shown, without it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the server is not configured.</summary>
    public PostgresTheoryAttribute()
    {
        if (PostgresEnvironment.SkipReasonIfUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
