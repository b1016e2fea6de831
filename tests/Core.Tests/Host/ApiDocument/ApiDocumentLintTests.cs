using System.Diagnostics;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Core.Tests.Interop;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Host.ApiDocument;

/// <summary>The document the real host serves, with every surface loaded, passes <c>redocly lint</c> (its recommended rules) as CI runs it.</summary>
public sealed class ApiDocumentLintTests(ITestOutputHelper output) : IDisposable
{
    public static readonly string RedoclyCli = Path.Combine(NodePeer.Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [RedoclyFact]
    public async Task Served_document_passes_redocly_lint()
    {
        string file;
        await using (var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder)))
        {
            var response = await host.Client.GetAsync("/openapi/v1.json");
            response.EnsureSuccessStatusCode();
            file = _folder.Write("openapi.json", await response.Content.ReadAsStringAsync());
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = NodePeer.Folder,
        };
        foreach (var argument in new[] { RedoclyCli, "lint", file, "--format=stylish" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var report = await stdout + await stderr;
        output.WriteLine(report);

        Assert.True(process.ExitCode == 0, "redocly lint found errors in /openapi/v1.json:\n" + report);
    }
}
