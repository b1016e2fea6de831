namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>The collections of the database, named as Storage.Sqlite names its tables.</summary>
internal static class Collections
{
    /// <summary>Inbound and outcome events.</summary>
    public const string Events = "events";

    /// <summary>The run queue.</summary>
    public const string Runs = "runs";

    /// <summary>Idempotency keys, by scope and key.</summary>
    public const string IdempotencyKeys = "idempotency_keys";

    /// <summary>Counters (the last run number).</summary>
    public const string Counters = "counters";

    /// <summary>Hook definitions.</summary>
    public const string Hooks = "hooks";

    /// <summary>Host-issued bearer tokens.</summary>
    public const string AuthTokens = "auth_tokens";

    /// <summary>Management users.</summary>
    public const string Users = "users";

    /// <summary>Outbound destinations.</summary>
    public const string Destinations = "destinations";

    /// <summary>The outbox.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Delivery attempts.</summary>
    public const string DeliveryAttempts = "delivery_attempts";

    /// <summary>Outbound credentials.</summary>
    public const string Credentials = "credentials";

    /// <summary>Each event feed reader's saved position, by name.</summary>
    public const string FeedCursors = "feed_cursors";

    /// <summary>The layout version, read by the health check.</summary>
    public const string Meta = "meta";
}
