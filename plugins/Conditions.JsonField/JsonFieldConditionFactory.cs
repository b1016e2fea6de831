using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Conditions.JsonField;

/// <summary>Validates a hook's <c>json-field</c> settings and builds the condition.</summary>
internal sealed class JsonFieldConditionFactory : ITriggerConditionFactory
{
    private static readonly string[] Tests = ["equals", "in", "exists"];

    /// <inheritdoc />
    public string Type => "json-field";

    /// <inheritdoc />
    public ITriggerCondition Create(ComponentSettings settings)
    {
        var path = settings.Required("path");
        var segments = path.Split('.');
        if (segments.Any(segment => segment.Length == 0))
        {
            throw settings.Error("path", $"'{path}' has an empty segment; write fields separated by single dots, such as pull_request.head.ref");
        }

        var given = Tests.Where(key => settings.Section.GetSection(key).Exists()).ToArray();
        switch (given.Length)
        {
            case 0:
                throw settings.Error("equals", "one of 'equals', 'in' or 'exists' is required");
            case > 1:
                throw settings.Error(given[1], $"cannot be combined with '{given[0]}'; give exactly one of 'equals', 'in' or 'exists'");
        }

        return given[0] switch
        {
            "equals" => new JsonFieldCondition(segments, [Scalar(settings, "equals")], Exists: null),
            "in" => new JsonFieldCondition(segments, ReadIn(settings), Exists: null),
            _ => new JsonFieldCondition(segments, [], ReadExists(settings)),
        };
    }

    private static string Scalar(ComponentSettings settings, string key) =>
        settings.Optional(key) ?? throw settings.Error(key, "must be a string, number or boolean");

    private static string[] ReadIn(ComponentSettings settings)
    {
        var section = settings.Section.GetSection("in");
        var values = section.GetChildren().Select(child => child.Value).ToArray();
        if (values.Length == 0)
        {
            throw settings.Error("in", "must be a non-empty list of values");
        }

        return values.Any(value => value is null)
            ? throw settings.Error("in", "must list strings, numbers or booleans")
            : values.OfType<string>().ToArray();
    }

    private static bool ReadExists(ComponentSettings settings) =>
        bool.TryParse(Scalar(settings, "exists"), out var exists)
            ? exists
            : throw settings.Error("exists", "must be true or false");
}
