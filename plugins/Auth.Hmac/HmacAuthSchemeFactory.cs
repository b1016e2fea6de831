using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Auth.Hmac.Signatures;

namespace Webhooks.Modular.Auth.Hmac;

/// <summary>Validates a hook's <c>hmac</c> settings, resolves its secrets and builds the authenticator.</summary>
internal sealed class HmacAuthSchemeFactory(TimeProvider clock) : IAuthSchemeFactory
{
    internal const int DefaultToleranceSeconds = 300;
    internal const string DagnatsSecretEnv = "DAGNATS_WEBHOOK_SECRET";

    private static readonly string[] Presets = ["generic", "dagnats", "github", "stripe", "standard-webhooks", "slack", "shopify"];
    private static readonly string[] GenericKeys = ["header", "algorithm", "encoding", "prefix"];
    private static readonly string[] Keys = ["preset", "secrets", "secretEnv", "toleranceSeconds", .. GenericKeys];
    private static readonly string[] SecretKeys = ["value", "expiresAt"];
    private const string SecretForms = "a literal, env:NAME, file:path or { \"value\": ..., \"expiresAt\": ... }";

    /// <inheritdoc />
    public string Scheme => "hmac";

    /// <inheritdoc />
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        foreach (var child in settings.Section.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            throw settings.Error(child.Key, $"unknown key (expected one of: {string.Join(", ", Keys)})");
        }

        var scheme = ReadScheme(settings);
        var tolerance = ReadTolerance(settings, scheme);
        var secrets = ReadSecrets(settings, scheme);
        return new HmacAuthenticator(scheme, secrets, tolerance, clock);
    }

    private static ISignatureScheme ReadScheme(ComponentSettings settings)
    {
        var preset = (settings.Optional("preset") ?? "generic").Trim().ToLowerInvariant();
        if (!Presets.Contains(preset))
        {
            throw settings.Error("preset", $"'{preset}' is not one of {string.Join(", ", Presets)}");
        }

        if (preset != "generic")
        {
            foreach (var key in GenericKeys.Where(k => settings.Optional(k) is not null))
            {
                throw settings.Error(key, $"only applies to the generic preset (the {preset} preset fixes it)");
            }
        }

        return preset switch
        {
            "dagnats" => HeaderSignatureScheme.Dagnats,
            "github" => HeaderSignatureScheme.GitHub,
            "shopify" => HeaderSignatureScheme.Shopify,
            "stripe" => StripeSignatureScheme.Instance,
            "standard-webhooks" => StandardWebhooksSignatureScheme.Instance,
            "slack" => SlackSignatureScheme.Instance,
            _ => ReadGeneric(settings),
        };
    }

    private static HeaderSignatureScheme ReadGeneric(ComponentSettings settings)
    {
        var header = settings.Optional("header")?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            throw settings.Error("header", "is required for the generic preset (the header that carries the signature)");
        }

        if (!header.All(c => c is > ' ' and < '\u007f' and not ':'))
        {
            throw settings.Error("header", $"'{header}' is not a valid header name");
        }

        var algorithmText = (settings.Optional("algorithm") ?? "sha256").Trim().ToLowerInvariant();
        var algorithm = algorithmText switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha1" => HashAlgorithmName.SHA1,
            "sha512" => HashAlgorithmName.SHA512,
            _ => throw settings.Error("algorithm", $"'{algorithmText}' is not one of sha256, sha1, sha512"),
        };

        var encodingText = (settings.Optional("encoding") ?? "hex").Trim().ToLowerInvariant();
        var encoding = encodingText switch
        {
            "hex" => SignatureEncoding.Hex,
            "base64" => SignatureEncoding.Base64,
            _ => throw settings.Error("encoding", $"'{encodingText}' is not hex or base64"),
        };

        var prefix = settings.Optional("prefix");
        if (prefix is not null && !prefix.All(c => c is > ' ' and < '\u007f'))
        {
            throw settings.Error("prefix", "must be printable ASCII without spaces");
        }

        return new HeaderSignatureScheme("generic", header, algorithm, encoding, prefix);
    }

    private static TimeSpan ReadTolerance(ComponentSettings settings, ISignatureScheme scheme)
    {
        var text = settings.Optional("toleranceSeconds");
        if (!scheme.IsTimestamped)
        {
            return text is null
                ? TimeSpan.Zero
                : throw settings.Error("toleranceSeconds", $"only applies to the stripe, standard-webhooks and slack presets (the {scheme.Name} preset signs no timestamp)");
        }

        if (text is null)
        {
            return TimeSpan.FromSeconds(DefaultToleranceSeconds);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw settings.Error("toleranceSeconds", $"'{text}' is not a positive whole number of seconds");
    }

    private static HmacSecret[] ReadSecrets(ComponentSettings settings, ISignatureScheme scheme)
    {
        var section = settings.Section.GetSection("secrets");
        var items = section.GetChildren().ToArray();
        if (!string.IsNullOrEmpty(section.Value) || items.Any(item => !int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw settings.Error("secrets", $"must be a list; each item {SecretForms}");
        }

        if (items.Length == 0)
        {
            return [FromEnvironment(settings, scheme)];
        }

        var secrets = new HmacSecret[items.Length];
        for (var index = 0; index < items.Length; index++)
        {
            secrets[index] = ReadSecret(settings, scheme, items[index], $"secrets:{index}", index);
        }

        return secrets;
    }

    private static HmacSecret ReadSecret(ComponentSettings settings, ISignatureScheme scheme, IConfigurationSection item, string key, int index)
    {
        var raw = item.Value;
        var valueKey = key;
        DateTimeOffset? expiresAt = null;
        if (raw is null)
        {
            foreach (var child in item.GetChildren().Where(c => !SecretKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
            {
                throw settings.Error($"{key}:{child.Key}", "unknown key (expected value, expiresAt)");
            }

            valueKey = $"{key}:value";
            raw = item["value"] ?? throw settings.Error(valueKey, "is required");
            if (item["expiresAt"] is { } expiresText)
            {
                expiresAt = DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
                    ? parsed
                    : throw settings.Error($"{key}:expiresAt", $"'{expiresText}' is not a date and time such as 2026-12-31T00:00:00Z");
            }
        }

        return new HmacSecret(index, DecodeKey(settings, scheme, valueKey, settings.ResolveSecret(valueKey, raw)), expiresAt);
    }

    /// <summary>The <c>secretEnv</c> variable (the dagnats preset's default), used only when no secrets are listed.</summary>
    private static HmacSecret FromEnvironment(ComponentSettings settings, ISignatureScheme scheme)
    {
        var name = settings.Optional("secretEnv")?.Trim() ?? (scheme == HeaderSignatureScheme.Dagnats ? DagnatsSecretEnv : null);
        if (name is not null && (name.Length == 0 || name.Contains('=', StringComparison.Ordinal)))
        {
            throw settings.Error("secretEnv", $"'{name}' is not a valid environment variable name");
        }

        if (name is null || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            throw settings.Error("secrets", name is null
                ? $"must list at least one secret ({SecretForms})"
                : $"must list at least one secret ({SecretForms}), or the environment variable '{name}' (secretEnv) must be set");
        }

        // Resolved through the env: reference so the variable is known as a secret and not handed on to commands.
        return new HmacSecret(0, DecodeKey(settings, scheme, "secretEnv", settings.ResolveSecret("secretEnv", $"env:{name}")), null);
    }

    private static byte[] DecodeKey(ComponentSettings settings, ISignatureScheme scheme, string key, string secret)
    {
        // Trimmed like other secrets: a file or variable often ends in a newline the sender never signed with.
        secret = secret.Trim();
        if (secret.Length == 0)
        {
            throw settings.Error(key, "is empty");
        }

        return scheme.DecodeKey(secret) is { Length: > 0 } decoded
            ? decoded
            : throw settings.Error(key, $"is not a valid {scheme.Name} secret: expected {StandardWebhooksSignatureScheme.SecretPrefix}<base64>");
    }
}
