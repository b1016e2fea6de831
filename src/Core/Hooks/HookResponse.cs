using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>
/// A hook's <c>response</c> setting: what a success (stored, with or without a run) answers on <c>/hooks/{name}</c>
/// instead of the host's JSON ids, so that a sender which shows the answer to a person (a Slack slash command) shows
/// a chosen text. The body may name <c>{{requestId}}</c>, <c>{{eventId}}</c>, <c>{{runId}}</c> and <c>{{hook}}</c>.
/// </summary>
internal sealed partial class HookResponse
{
    public const string DefaultContentType = "text/plain; charset=utf-8";

    private static readonly string[] Keys = ["status", "body", "contentType"];
    private static readonly int[] Statuses = [200, 202, 204];
    private static readonly string[] Placeholders = ["requestId", "eventId", "runId", "hook"];

    private HookResponse(int status, string? contentType, string? body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    public int Status { get; }

    public string? ContentType { get; }

    /// <summary>The body template, or <c>null</c> for an empty body.</summary>
    public string? Body { get; }

    /// <summary>Reads and checks the setting; <c>null</c> when the hook has none.</summary>
    /// <param name="section">The hook's <c>response</c> section.</param>
    /// <param name="error">Makes the start-up error for a sub-key (such as <c>response:status</c>) and a problem.</param>
    public static HookResponse? Read(IConfigurationSection section, Func<string, string, Exception> error)
    {
        if (!section.Exists())
        {
            return null;
        }

        if (section.Value is not null)
        {
            throw error("response", "must be an object such as { \"status\": 200, \"body\": \"ok\", \"contentType\": \"text/plain\" }");
        }

        foreach (var child in section.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            throw error($"response:{child.Key}", $"unknown key (expected one of: {string.Join(", ", Keys)})");
        }

        var status = 200;
        if (section["status"] is { } statusText
            && (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out status) || !Statuses.Contains(status)))
        {
            throw error("response:status", $"'{statusText}' is not one of {string.Join(", ", Statuses)}");
        }

        var body = section["body"];
        if (body is null && section.GetSection("body").GetChildren().Any())
        {
            throw error("response:body", "must be a string (write a JSON answer as a string, with contentType application/json)");
        }

        if (body is not null && status == 204)
        {
            throw error("response:body", "cannot be given with status 204 (No Content); use 200 or 202, or leave the body out");
        }

        foreach (Match placeholder in Placeholder().Matches(body ?? string.Empty))
        {
            var name = placeholder.Groups[1].Value;
            if (!Placeholders.Contains(name, StringComparer.Ordinal))
            {
                throw error("response:body", $"unknown placeholder '{placeholder.Value}' (known: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))})");
            }
        }

        var contentType = section["contentType"];
        if (contentType is not null)
        {
            if (body is null)
            {
                throw error("response:contentType", "only applies with a body");
            }

            if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.MediaType.Value!.Contains('/', StringComparison.Ordinal))
            {
                throw error("response:contentType", $"'{contentType}' is not a media type such as text/plain or application/json");
            }
        }

        return new HookResponse(status, body is null ? null : contentType ?? DefaultContentType, body);
    }

    /// <summary>The answer for one success. Ids are host-made tokens (letters, digits, '-', '.', '_', ':'), safe in text and JSON.</summary>
    /// <param name="outcome">The request's outcome.</param>
    /// <param name="hook">The hook's name.</param>
    public ReceiveReply Render(ReceiveOutcome outcome, string hook)
    {
        var body = Body is null ? null : Placeholder().Replace(Body, match => match.Groups[1].Value switch
        {
            "requestId" => outcome.RequestId,
            "eventId" => outcome.EventId?.ToString("D") ?? string.Empty,
            "runId" => outcome.RunIds.FirstOrDefault() ?? string.Empty,
            _ => hook,
        });
        return new ReceiveReply(Status, ContentType, body);
    }

    // Any {{...}}, so a misspelt placeholder ({{run_id}}) is refused at start-up instead of being sent as written.
    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
