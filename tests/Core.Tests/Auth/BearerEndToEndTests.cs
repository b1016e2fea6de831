using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>
/// Bearer tokens end to end: the operator issues and rotates them with the host's <c>token</c> verb (a separate
/// process on the same database) while the host serves, and the hook follows at once.
/// </summary>
public sealed partial class BearerEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Issued_token_opens_the_hook_and_rotation_shuts_the_old_one_out_at_once()
    {
        var config = Deployments.Write(_folder,
            [new { name = "deploy", auth = new { scheme = "bearer" }, action = new { type = "command", settings = new { command = "echo ok" } } }],
            extraPlugins: [new { name = "Auth.Bearer", settings = new { prefix = "dagu_wh_" } }]);

        var created = await HostCommand.RunAsync(config, "token", "create", "--hook", "deploy", "--expires-in", "30d");
        Assert.True(created.ExitCode == 0, created.Error);
        var first = TokenLine().Match(created.Output).Groups[1].Value;
        Assert.StartsWith("dagu_wh_", first);

        await using var host = await LoopbackHost.StartAsync(config);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, first + "x")).StatusCode);

        var rotated = await HostCommand.RunAsync(config, "token", "rotate", "--hook", "deploy");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        var second = TokenLine().Match(rotated.Output).Groups[1].Value;

        var old = await PostAsync(host, first);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal("Bearer", old.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, second)).StatusCode);

        var listed = await HostCommand.RunAsync(config, "token", "list", "--hook", "deploy");
        Assert.Contains(second[..12], listed.Output);
        Assert.DoesNotContain(second, listed.Output);
        Assert.DoesNotContain(first[..12], listed.Output);
    }

    [Fact]
    public async Task Token_verb_errors_are_one_clear_line_and_a_non_zero_exit()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Bearer" }]);

        var noScope = await HostCommand.RunAsync(config, "token", "create");
        var badDuration = await HostCommand.RunAsync(config, "token", "create", "--hook", "h", "--expires-in", "soon");
        var unknownVerb = await HostCommand.RunAsync(config, "tokens", "create");

        Assert.Equal(2, noScope.ExitCode);
        Assert.StartsWith("error: --hook or --scope is required", noScope.Error);
        Assert.Equal(2, badDuration.ExitCode);
        Assert.Contains("'soon' is not a duration", badDuration.Error);
        Assert.Equal(2, unknownVerb.ExitCode);
        Assert.StartsWith("error: unknown command 'tokens' (commands: serve, help, destination, token", unknownVerb.Error);
    }

    private static Task<HttpResponseMessage> PostAsync(LoopbackHost host, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/deploy") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Client.SendAsync(request);
    }

    [GeneratedRegex(@"^token:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex TokenLine();
}
