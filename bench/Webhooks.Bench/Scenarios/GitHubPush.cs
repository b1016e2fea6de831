using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Bench.Scenarios;

/// <summary>
/// The request of <c>ingest-peers</c>: a GitHub <c>push</c> body shaped as GitHub sends it (compact JSON, UTF-8 text;
/// the same body as the interop tests' <c>PeerPayloads.GitHubPush</c>), signed with <c>X-Hub-Signature-256</c>.
/// </summary>
internal static class GitHubPush
{
    /// <summary>The hook's secret, for the host's deployment and the Node peer alike.</summary>
    public const string Secret = "bench-github-secret";

    private const string After = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d79a6fc7e2";

    /// <summary>The body's bytes.</summary>
    public static readonly byte[] Body = Encoding.UTF8.GetBytes(
        $$$"""{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"{{{After}}}","repository":{"id":70112233,"name":"webhooks-demo","full_name":"octo-org/webhooks-demo","private":false,"owner":{"login":"octo-org","id":9919,"type":"Organization"},"default_branch":"main"},"pusher":{"name":"zoë","email":"zoe@example.com"},"sender":{"login":"zoe","id":583231,"type":"User"},"created":false,"deleted":false,"forced":false,"compare":"https://github.com/octo-org/webhooks-demo/compare/6113728f27ae...{{{After[..12]}}}","commits":[{"id":"{{{After}}}","message":"Grüße: retry on 503","timestamp":"2026-12-07T17:02:11+01:00","author":{"name":"Zoë","email":"zoe@example.com","username":"zoe"},"added":[],"removed":[],"modified":["README.md"]}],"head_commit":{"id":"{{{After}}}","message":"Grüße: retry on 503"}}""");

    /// <summary>The header's value: <c>sha256=</c> and the hex HMAC-SHA256 of the body, as GitHub signs.</summary>
    public static string Signature => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Body));

    /// <summary>
    /// A wrk script sending the signed body with GitHub's headers. Each request gets an <c>X-GitHub-Delivery</c> of its
    /// own, as GitHub sends (the host de-duplicates by it, and @octokit/webhooks requires it): a prefix unique to the
    /// script and a counter, so that two wrk runs against one host never repeat an id.
    /// </summary>
    public static string WrkScript()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        return $$"""
            wrk.method = "POST"
            wrk.body = [==[{{Encoding.UTF8.GetString(Body)}}]==]
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["User-Agent"] = "GitHub-Hookshot/bench"
            wrk.headers["X-GitHub-Event"] = "push"
            wrk.headers["X-GitHub-Hook-ID"] = "1"
            wrk.headers["X-Hub-Signature-256"] = "{{Signature}}"
            local n = 0
            request = function()
              n = n + 1
              wrk.headers["X-GitHub-Delivery"] = string.format("{{prefix}}-0000-4000-8000-%012d", n)
              return wrk.format()
            end
            """;
    }
}
