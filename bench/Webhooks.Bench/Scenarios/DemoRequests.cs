using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Webhooks.Modular.Bench.Targets;

namespace Webhooks.Modular.Bench.Scenarios;

/// <summary>The requests the scenarios send: the demo hook's, as in the README, with a sequence number in the body.</summary>
internal static class DemoRequests
{
    /// <summary>The demo hook's path, from the repository's <c>plugins.json</c>.</summary>
    public const string HookPath = "/hooks/demo";

    /// <summary>The demo hook's API key, from the repository's <c>plugins.json</c>.</summary>
    public const string ApiKey = "demo-key";

    /// <summary>The demo hook's key header.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>A request to the demo hook with body <c>{"greeting":"hello","n":n}</c>.</summary>
    /// <param name="n">The request's number.</param>
    public static HttpRequestMessage Hook(long n)
    {
        var request = Post(HookPath, n);
        request.Headers.Add(ApiKeyHeader, ApiKey);
        return request;
    }

    /// <summary>The same body, to the bare baseline.</summary>
    /// <param name="n">The request's number.</param>
    public static HttpRequestMessage Bare(long n) => Post(BareTarget.Path, n);

    private static HttpRequestMessage Post(string path, long n)
    {
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"greeting":"hello","n":{{n}}}"""));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
