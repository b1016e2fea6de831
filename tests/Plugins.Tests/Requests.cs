using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Plugins.Tests;

/// <summary>Inbound requests for the plugins' tests.</summary>
internal static class Requests
{
    public static WebhookRequest With(
        string body = "",
        Dictionary<string, string[]>? headers = null,
        Dictionary<string, string[]>? query = null) =>
        new()
        {
            RequestId = "req-1",
            HookName = TestSettings.HookName,
            Method = "POST",
            Body = Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string[]>(headers ?? [], StringComparer.OrdinalIgnoreCase),
            Query = new Dictionary<string, string[]>(query ?? [], StringComparer.OrdinalIgnoreCase),
        };

    public static WebhookRequest WithHeader(string name, string value) => With(headers: new() { [name] = [value] });

    public static WebhookRequest WithQuery(string name, string value) => With(query: new() { [name] = [value] });
}
