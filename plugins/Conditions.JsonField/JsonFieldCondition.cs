using System.Globalization;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Conditions.JsonField;

/// <summary>Holds when the field at a dotted path of the JSON body matches.</summary>
/// <param name="Segments">The path: property names, or array indexes where the value is an array.</param>
/// <param name="Values">For <c>equals</c> and <c>in</c>: the accepted texts of the field.</param>
/// <param name="Exists">For <c>exists</c>: whether the field must be present; <c>null</c> otherwise.</param>
internal sealed record JsonFieldCondition(IReadOnlyList<string> Segments, IReadOnlyList<string> Values, bool? Exists) : ITriggerCondition
{
    /// <inheritdoc />
    public ValueTask<bool> IsMetAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var found = TryFind(request.Json, out var field);
        var met = Exists is { } mustExist
            ? found == mustExist
            : found && Matches(field);
        return ValueTask.FromResult(met);
    }

    private bool TryFind(JsonElement? root, out JsonElement field)
    {
        field = default;
        if (root is not { } current)
        {
            return false;
        }

        foreach (var segment in Segments)
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(segment, out var property):
                    current = property;
                    break;
                case JsonValueKind.Array
                    when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength():
                    current = current[index];
                    break;
                default:
                    return false;
            }
        }

        field = current;
        return true;
    }

    private bool Matches(JsonElement field)
    {
        switch (field.ValueKind)
        {
            case JsonValueKind.String:
                var text = field.GetString();
                return Values.Any(value => string.Equals(value, text, StringComparison.Ordinal));
            case JsonValueKind.True or JsonValueKind.False:
                // Configuration turns a JSON true in the settings into "True"; accept it as well as "true".
                var boolean = field.ValueKind == JsonValueKind.True ? "true" : "false";
                return Values.Any(value => string.Equals(value, boolean, StringComparison.OrdinalIgnoreCase));
            default:
                // Numbers (and null, objects, arrays) compare by their JSON text: 42 matches "42", not "42.0".
                var raw = field.GetRawText();
                return Values.Any(value => string.Equals(value, raw, StringComparison.Ordinal));
        }
    }
}
