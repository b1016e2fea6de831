using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.Bearer;

/// <summary>The plugin's own settings: the default token prefix and the key tokens are hashed with.</summary>
internal sealed class BearerOptions
{
    public const string DefaultPrefix = "wh_";
    public const string DefaultHashKeyFile = "data/bearer-token-hash.key";
    private const int KeyBytes = 32;

    public required string Prefix { get; init; }

    public required byte[] HashKey { get; init; }

    public static BearerOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (child.Key is not ("prefix" or "hashKey" or "hashKeyFile"))
            {
                throw context.Error(child.Key, "unknown setting (expected prefix, hashKey, hashKeyFile)");
            }
        }

        var prefix = context.Settings["prefix"] ?? DefaultPrefix;
        if (prefix.Length > 32 || prefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
        {
            throw context.Error("prefix", "must be at most 32 letters, digits, '_' or '-'");
        }

        return new BearerOptions { Prefix = prefix, HashKey = LoadKey(context) };
    }

    /// <summary>
    /// The hashing key: from <c>hashKey</c> (a secret, base64, at least 32 bytes), or from the key file, created
    /// with fresh random bytes (mode 0600) on first start. Losing the key invalidates every issued token.
    /// </summary>
    private static byte[] LoadKey(PluginContext context)
    {
        if (context.Settings["hashKey"] is { } configured)
        {
            var text = SecretReference.Resolve(configured, context.BaseDirectory, message => context.Error("hashKey", message));
            try
            {
                var key = Convert.FromBase64String(text);
                return key.Length >= KeyBytes ? key : throw context.Error("hashKey", $"must decode to at least {KeyBytes} bytes");
            }
            catch (FormatException)
            {
                throw context.Error("hashKey", "is not valid base64");
            }
        }

        var file = context.ResolvePath(context.Settings["hashKeyFile"] ?? DefaultHashKeyFile);
        try
        {
            if (File.Exists(file))
            {
                var existing = File.ReadAllBytes(file);
                return existing.Length >= KeyBytes ? existing : throw context.Error("hashKeyFile", $"'{file}' holds fewer than {KeyBytes} bytes");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // readable by the host's user only
            }

            using (var stream = new FileStream(file, create))
            {
                stream.Write(key);
            }

            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created it first: use theirs.
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigurationException(context.ConfigurationFile, context.Name, "settings:hashKeyFile", $"cannot read or create '{file}': {ex.Message}", ex);
        }
    }
}
