using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Plugins;

/// <summary>
/// The plugin writer's kit as a plugin writer uses it, outside the solution, in a temp folder, with real processes:
/// pack Webhooks.Modular.Abstractions to a local folder feed, install templates/webhooks-plugin (into a hive of its
/// own, so the machine's templates are untouched), <c>dotnet new webhooks-plugin -n Acme.Auth</c>, <c>dotnet test</c>
/// the generated tests, publish the plugin into a host's <c>plugins/</c> folder, and serve a hook with it, named by
/// name alone in plugins.json.
/// </summary>
public sealed class PluginTemplateTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);
    private const string Token = "acme-token-0123456789";

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Template_plugin_builds_passes_its_tests_and_serves_a_hook_when_named_in_plugins_json()
    {
        var total = Stopwatch.StartNew();
        var feed = _folder.File("feed");
        var work = _folder.File("work");
        Directory.CreateDirectory(work);

        // The package resolves from the local feed; everything else from the machine's feed. A packages folder of the
        // test's own keeps this package out of the machine's cache (and a stale 1.0.0 there out of this test); the
        // machine's cache is only a read-only fallback, so nothing is downloaded again.
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = _folder.File("packages"),
            ["DOTNET_CLI_HOME"] = _folder.File("cli-home"),
        };
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        _folder.Write("work/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="webhooks-local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        // DOTNET_CLI_HOME moves NuGet's user configuration too: keep the machine's (its feed) for restores.
        var restoreEnvironment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = environment["NUGET_PACKAGES"] };
        var hive = _folder.File("template-hive");

        await StepAsync("pack Abstractions", RepoPaths.Root, restoreEnvironment,
            "pack", Path.Combine(RepoPaths.Root, "src", "Abstractions", "Abstractions.csproj"), "-c", RepoPaths.Configuration, "--no-build", "-o", feed);
        AssertPackageCarriesTheContract(Path.Combine(feed, "Webhooks.Modular.Abstractions.1.0.0.nupkg"));

        await StepAsync("template install", work, environment,
            "new", "install", Path.Combine(RepoPaths.Root, "templates", "webhooks-plugin"), "--debug:custom-hive", hive);
        await StepAsync("dotnet new", work, environment,
            "new", "webhooks-plugin", "-n", "Acme.Auth", "--debug:custom-hive", hive);
        var project = Path.Combine(work, "Acme.Auth");

        var tested = await StepAsync("dotnet test", project, restoreEnvironment, "test", Path.Combine("tests", "Acme.Auth.Tests"));
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", tested);

        // The host as an operator has it (its build output, built-in plugins under plugins/), and the new plugin
        // published beside them: plugins.json names it by name only.
        var host = _folder.File("host");
        ExternalPluginTests.CopyDirectory(Path.GetDirectoryName(RepoPaths.HostDll)!, host);
        await StepAsync("publish plugin", project, restoreEnvironment,
            "publish", Path.Combine("src", "Acme.Auth"), "-c", "Release", "-o", Path.Combine(host, "plugins", "Acme.Auth"));
        Assert.False(File.Exists(Path.Combine(host, "plugins", "Acme.Auth", "Webhooks.Modular.Abstractions.dll")), "the plugin must not carry its own contract");

        var config = _folder.Write("deployment/plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } },
                new { name = "Acme.Auth", settings = new { prefix = "got" } },
            },
            hooks = new object[]
            {
                new
                {
                    name = "orders",
                    auth = new { scheme = "acme.auth", settings = new { token = "env:ACME_TOKEN" } },
                    action = new { type = "acme.auth.echo", settings = new { label = "orders-in" } },
                },
            },
            runs = new { concurrency = 1, leaseSeconds = 30, pollMilliseconds = 200 },
        }));

        var serving = Stopwatch.StartNew();
        await using var process = HostProcess.StartDll(
            Path.Combine(host, "Webhooks.Modular.Host.dll"), config, new Dictionary<string, string?> { ["ACME_TOKEN"] = Token });
        await process.WaitUntilReadyAsync();

        var refused = await PostAsync(process.Client, "not-the-token-at-all");
        var accepted = await PostAsync(process.Client, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await RunPolling.WaitForRunAsync(process.Client, runId, TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("""got orders-in: {"id":42}""", run.GetProperty("output").GetString());
        output.WriteLine($"host start and request: {serving.Elapsed.TotalSeconds:F1} s; whole kit: {total.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The package holds the contract with its XML docs, at the assembly version the host's check compares.</summary>
    private void AssertPackageCarriesTheContract(string package)
    {
        Assert.True(File.Exists(package), $"the package is not in the feed: {string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(package)!))}");
        var extracted = _folder.File("package");
        ZipFile.ExtractToDirectory(package, extracted);
        Assert.True(File.Exists(Path.Combine(extracted, "lib", "net10.0", "Webhooks.Modular.Abstractions.xml")), "the package has no XML docs");
        var documentation = File.ReadAllText(Path.Combine(extracted, "lib", "net10.0", "Webhooks.Modular.Abstractions.xml"));
        Assert.Contains("M:Webhooks.Modular.Abstractions.Auth.IInboundAuthenticator.AuthenticateAsync", documentation);
        var packed = AssemblyName.GetAssemblyName(Path.Combine(extracted, "lib", "net10.0", "Webhooks.Modular.Abstractions.dll")).Version;
        Assert.Equal(typeof(IWebhookPlugin).Assembly.GetName().Version, packed);
    }

    private async Task<string> StepAsync(string name, string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var text = await DotnetCli.RunAsync(directory, environment, StepTimeout, arguments);
        output.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:F1} s");
        return text;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent("""{"id":42}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Token", token);
        return client.SendAsync(request);
    }
}
