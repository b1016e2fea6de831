using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>A walk-through on PostgreSQL: skipped, with the reason, where walk-throughs cannot run or no server is named.</summary>
public sealed class WalkthroughOnPostgresFactAttribute : FactAttribute
{
    public WalkthroughOnPostgresFactAttribute()
    {
        if (WalkthroughRunner.Unavailable is { } reason)
        {
            Skip = reason;
        }
        else if (string.IsNullOrEmpty(PostgresFactAttribute.ConnectionString))
        {
            Skip = $"{PostgresFactAttribute.Variable} is not set: the PostgreSQL walk-through (examples/scale-out) is skipped (see README)";
        }
    }
}
