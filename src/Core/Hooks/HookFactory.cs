using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Plugins;
using Webhooks.Modular.Core.Plugins.Reloading;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>
/// Validates a hook definition and builds it with the factories the plugins registered. Every error names the
/// configuration file, the hook and the key.
/// </summary>
internal sealed partial class HookFactory(
    IEnumerable<IAuthSchemeFactory> authSchemes,
    IEnumerable<ITriggerConditionFactory> conditions,
    IEnumerable<IRunActionFactory> actions,
    PluginCatalog? catalog = null,
    ReloadablePlugins? reloadable = null)
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;
    public const int DefaultMaxAttempts = 3;

    /// <summary>The surface of event triggers: no HTTP route serves it.</summary>
    public const string EventTriggerSurface = "(event bus)";

    private static readonly string[] HookKeys = ["name", "methods", "maxBodyBytes", "contentTypes", "auth", "conditions", "action", "idempotency", "enabled", "surface", "subject", "response", "retention"];
    private static readonly string[] DefaultIdempotencyHeaders = ["Idempotency-Key", "webhook-id"];
    private static readonly string[] KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    // Swapped whole when a reloadable plugin's new build replaces its factories (HookRegistry.Reload).
    private volatile ComponentFactories _factories = ComponentFactories.Create(
        authSchemes, conditions, actions, reloadable?.Current ?? [], reloadable?.File ?? "plugins.json");

    /// <summary>The factories new hooks are built with.</summary>
    public ComponentFactories Factories
    {
        get => _factories;
        set => _factories = value;
    }

    public Hook Create(IConfiguration section, string key, string file, string baseDirectory) =>
        Create(section, key, file, baseDirectory, _factories);

    /// <summary>Builds a hook with the given factories (a reload builds with the factories it is about to swap in).</summary>
    public Hook Create(IConfiguration section, string key, string file, string baseDirectory, ComponentFactories factories)
    {
        var schemeFactories = factories.AuthSchemes;
        var conditionFactories = factories.Conditions;
        var actionFactories = factories.Actions;
        var generations = new List<PluginGeneration>();
        void Used(object componentFactory)
        {
            if (factories.OwnerOf(componentFactory) is { } generation && !generations.Contains(generation))
            {
                generations.Add(generation);
            }
        }

        var name = section["name"];
        var owner = name is null ? key : $"hook '{name}'";
        PluginConfigurationException Error(string subKey, string message) => new(file, owner, $"{key}:{subKey}", message);

        // A factory that throws its own exception (not a configuration error) is reported like one, naming its plugin.
        T Build<T>(object componentFactory, string subKey, string what, Func<T> create)
        {
            try
            {
                return create();
            }
            catch (Exception ex) when (ex is not PluginConfigurationException)
            {
                throw new PluginConfigurationException(
                    file, owner, $"{key}:{subKey}", $"plugin '{PluginOf(componentFactory)}' failed to create {what}: {PluginFailure.Describe(ex)}", ex);
            }
        }

        foreach (var child in section.GetChildren())
        {
            if (!HookKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(child.Key, $"unknown key (expected one of: {string.Join(", ", HookKeys)})");
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw Error("name", "is required");
        }

        if (!HookName().IsMatch(name))
        {
            throw Error("name", "must be 1-100 characters of letters, digits, '-', '_' or '.'");
        }

        var methods = section.GetSection("methods").GetChildren().Select(c => (c.Value ?? string.Empty).ToUpperInvariant()).ToArray();
        if (methods.Length == 0)
        {
            methods = ["POST"];
        }

        foreach (var method in methods.Where(m => !KnownMethods.Contains(m)))
        {
            throw Error("methods", $"'{method}' is not one of {string.Join(", ", KnownMethods)}");
        }

        var maxBodyBytes = DefaultMaxBodyBytes;
        if (section["maxBodyBytes"] is { } maxText && (!long.TryParse(maxText, out maxBodyBytes) || maxBodyBytes <= 0))
        {
            throw Error("maxBodyBytes", $"'{maxText}' is not a positive number of bytes");
        }

        var settings = (IConfigurationSection component, string componentKey) =>
            new ComponentSettings(name, $"{key}:{componentKey}", component.GetSection("settings"), baseDirectory, file);

        // An event trigger (a hook with a subject) is fed by the event bus, never by a caller: no HTTP, no auth.
        Events.SubjectPattern? subject = null;
        if (section["subject"] is { } subjectText)
        {
            subject = Events.SubjectPattern.TryParse(subjectText, allowWildcards: true, out var subjectError)
                ?? throw Error("subject", $"'{subjectText}' is not a subject pattern: {subjectError}");
        }

        var auth = section.GetSection("auth");
        var scheme = auth["scheme"] ?? (subject is not null ? "none" : throw Error("auth:scheme", "is required (use \"none\" for a hook anyone may call)"));
        var authFactory = schemeFactories.GetValueOrDefault(scheme)
            ?? throw Error("auth:scheme", $"unknown auth scheme '{scheme}' (known: {Known(schemeFactories.Keys)}); is its plugin listed in 'plugins'?");
        var authMode = (auth["mode"] ?? "enforce").ToLowerInvariant() switch
        {
            "enforce" => AuthMode.Enforce,
            "observe" => AuthMode.Observe,
            var other => throw Error("auth:mode", $"'{other}' is not 'enforce' or 'observe'"),
        };
        Used(authFactory);
        var authenticator = Build(authFactory, "auth", $"auth scheme '{scheme}'", () => authFactory.Create(settings(auth, "auth")));

        var builtConditions = new List<ITriggerCondition>();
        var conditionTypes = new List<string>();
        foreach (var condition in section.GetSection("conditions").GetChildren())
        {
            var conditionKey = $"conditions:{condition.Key}";
            var type = condition["type"] ?? throw Error($"{conditionKey}:type", "is required");
            var factory = conditionFactories.GetValueOrDefault(type)
                ?? throw Error($"{conditionKey}:type", $"unknown condition type '{type}' (known: {Known(conditionFactories.Keys)}); is its plugin listed in 'plugins'?");
            Used(factory);
            builtConditions.Add(Build(factory, conditionKey, $"condition type '{type}'", () => factory.Create(settings(condition, conditionKey))));
            conditionTypes.Add(type);
        }

        var action = section.GetSection("action");
        var actionType = action["type"] ?? throw Error("action:type", "is required");
        var actionFactory = actionFactories.GetValueOrDefault(actionType)
            ?? throw Error("action:type", $"unknown action type '{actionType}' (known: {Known(actionFactories.Keys)}); is its plugin listed in 'plugins'?");
        var maxAttempts = DefaultMaxAttempts;
        if (action["maxAttempts"] is { } attemptsText && (!int.TryParse(attemptsText, out maxAttempts) || maxAttempts < 1))
        {
            throw Error("action:maxAttempts", $"'{attemptsText}' is not a positive whole number");
        }

        Used(actionFactory);
        var builtAction = Build(actionFactory, "action", $"action type '{actionType}'", () => actionFactory.Create(settings(action, "action")));

        var idempotency = section.GetSection("idempotency");
        var idempotencyHeaders = idempotency.GetSection("headers").GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        var retentionHours = 24.0;
        if (idempotency["retentionHours"] is { } hoursText && (!double.TryParse(hoursText, System.Globalization.CultureInfo.InvariantCulture, out retentionHours) || retentionHours <= 0))
        {
            throw Error("idempotency:retentionHours", $"'{hoursText}' is not a positive number of hours");
        }

        var enabled = true;
        if (section["enabled"] is { } enabledText && !bool.TryParse(enabledText, out enabled))
        {
            throw Error("enabled", $"'{enabledText}' is not true or false");
        }

        // Other surfaces answer in the wire format of the tool they stand in for; only /hooks/{name} takes a chosen answer.
        var retention = Housekeeping.RetentionWindows.Read(section.GetSection("retention"), (subKey, problem) => Error($"retention:{subKey}", problem));
        var response = HookResponse.Read(section.GetSection("response"), (subKey, problem) => Error(subKey, problem));
        if (response is not null && (section["surface"] is not null || subject is not null))
        {
            throw Error("response", subject is not null
                ? "an event trigger (a hook with 'subject') answers no HTTP request"
                : $"only applies to hooks served on /hooks/{{name}}; surface '{section["surface"]}' answers in its own format");
        }

        var contentTypes = section.GetSection("contentTypes").GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        var summary = JsonSerializer.Serialize(new
        {
            name,
            methods,
            maxBodyBytes,
            contentTypes,
            subject = subject?.Text,
            auth = new { scheme, mode = authMode.ToString().ToLowerInvariant() },
            conditions = conditionTypes,
            action = new { type = actionType, maxAttempts },
        });

        return new Hook
        {
            Name = name,
            Surface = section["surface"] ?? (subject is not null ? EventTriggerSurface : null),
            Subject = subject,
            Methods = methods,
            MaxBodyBytes = maxBodyBytes,
            ContentTypes = contentTypes,
            AuthScheme = scheme,
            Authenticator = authenticator,
            AuthMode = authMode,
            Conditions = builtConditions,
            ActionType = actionType,
            Action = builtAction,
            MaxAttempts = maxAttempts,
            // The sender's own (unsigned) message id header first, then the generic ones; a hook's list replaces both.
            IdempotencyHeaders = idempotencyHeaders.Length > 0
                ? idempotencyHeaders
                : [.. authenticator.IdempotencyHeaders, .. DefaultIdempotencyHeaders.Except(authenticator.IdempotencyHeaders, StringComparer.OrdinalIgnoreCase)],
            IdempotencyRetention = TimeSpan.FromHours(retentionHours),
            Summary = summary,
            Enabled = enabled,
            Response = response,
            Retention = retention,
            Generations = generations,
            Definition = (section, key, file, baseDirectory),
        };
    }

    // Built-in factories of the engine have no plugin; their assembly name still says whose code failed.
    private string PluginOf(object componentFactory) =>
        catalog?.NameOf(componentFactory) ?? componentFactory.GetType().Assembly.GetName().Name ?? componentFactory.GetType().FullName!;

    private static string Known(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex HookName();
}
