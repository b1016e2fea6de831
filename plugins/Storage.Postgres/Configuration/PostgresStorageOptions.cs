using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Storage.Postgres.Configuration;

/// <summary>The plugin's settings, read and validated once at start-up.</summary>
internal sealed class PostgresStorageOptions
{
    /// <summary>The schema used when <c>schema</c> is not given.</summary>
    public const string DefaultSchema = "webhooks";

    /// <summary>The application name shown in <c>pg_stat_activity</c> unless the connection string sets one.</summary>
    public const string DefaultApplicationName = "webhooks-modular";

    /// <summary>
    /// The longest schema name: the notification channel is <c>webhooks_</c> followed by it, and PostgreSQL
    /// identifiers (channel names included) hold at most 63 bytes.
    /// </summary>
    public const int MaxSchemaLength = 54;

    private const int MaxMaxPoolSize = 1024;

    private static readonly string[] KnownKeys = ["connectionString", "schema", "maxPoolSize"];

    /// <summary>The connection string, secret references resolved. Never log it: it may hold a password.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema every table lives in (unquoted).</summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>The most connections the stores open at once, or <c>null</c> for Npgsql's default (100).</summary>
    public int? MaxPoolSize { get; init; }

    /// <summary>Where the database is, for logs and errors: host, port, database and user, never the password.</summary>
    public string Server
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database ?? builder.Username} as {builder.Username}";
        }
    }

    /// <summary>Reads the options from the plugin's settings.</summary>
    /// <param name="context">The plugin's context.</param>
    /// <exception cref="PluginConfigurationException">A setting is missing, unknown or invalid; the message names it.</exception>
    public static PostgresStorageOptions FromSettings(PluginContext context)
    {
        var settings = context.Settings;

        // A misspelt key would otherwise be silently ignored and the default used, e.g. tables written to the
        // default schema while the operator believes they are separated.
        foreach (var child in settings.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw context.Error(child.Key, $"unknown setting; known settings are {string.Join(", ", KnownKeys)}.");
            }
        }

        var written = settings["connectionString"];
        if (string.IsNullOrWhiteSpace(written))
        {
            throw context.Error(
                "connectionString",
                "is required: a PostgreSQL connection string such as 'Host=db;Database=webhooks;Username=webhooks;Password=...', "
                + "or env:NAME / file:path to read it from an environment variable or a file.");
        }

        var connectionString = SecretReference.Resolve(written, context.BaseDirectory, message => context.Error("connectionString", message));
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's messages name the keyword, never the password's value.
            throw context.Error("connectionString", $"is not a valid PostgreSQL connection string: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw context.Error("connectionString", "names no server: add Host=...");
        }

        var schema = settings["schema"] ?? DefaultSchema;
        if (!IsValidSchema(schema))
        {
            throw context.Error(
                "schema",
                $"'{schema}' is not allowed; use 1 to {MaxSchemaLength} letters, digits or '_', starting with a letter or '_'.");
        }

        int? maxPoolSize = null;
        var maxPoolSizeText = settings["maxPoolSize"];
        if (maxPoolSizeText is not null)
        {
            if (!int.TryParse(maxPoolSizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1 || value > MaxMaxPoolSize)
            {
                throw context.Error("maxPoolSize", $"'{maxPoolSizeText}' is not a whole number from 1 to {MaxMaxPoolSize}.");
            }

            maxPoolSize = value;
        }

        return new PostgresStorageOptions { ConnectionString = connectionString, Schema = schema, MaxPoolSize = maxPoolSize };
    }

    /// <summary>Whether a schema name is one this plugin accepts (and can quote without escaping).</summary>
    /// <param name="schema">The name.</param>
    public static bool IsValidSchema(string schema) =>
        schema.Length is > 0 and <= MaxSchemaLength
        && (char.IsAsciiLetter(schema[0]) || schema[0] == '_')
        && schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
