using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

/// <summary>A fixed root, shaped like a request's variables, that the language tests evaluate over.</summary>
internal static class SampleRoot
{
    public const string Json = """
        {
          "trigger": {
            "body": {
              "hello": "world",
              "number": 42,
              "ratio": 0.5,
              "draft": false,
              "merged": true,
              "nothing": null,
              "title": "WIP: fix it",
              "labels": [ "bug", "urgent" ],
              "numbers": [ 1, 2.5, 3 ],
              "items": [ { "id": 7 }, { "id": 8 } ],
              "odd keys": { "x y": "spaced", "0": "zero" },
              "nested": { "a": { "b": "deep" } },
              "in": "keyword",
              "quote": "it's \"q\"",
              "accent": "é",
              "secret": "s3cr3t-value"
            },
            "headers": { "X-Kind": [ "a", "b" ] },
            "parameters": { "page": [ "2" ] }
          },
          "Case": { "exact": 1, "EXACT": 2, "Only": 3 }
        }
        """;

    public static JsonElement Root { get; } = JsonDocument.Parse(Json).RootElement;

    public static ExpressionResult Evaluate(string expression) => ExpressionLanguage.Parse(expression).Evaluate(Root);
}
