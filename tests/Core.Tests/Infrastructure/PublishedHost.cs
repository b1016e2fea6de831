using System.Diagnostics;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// The host as an operator gets it: <c>dotnet publish src/Host -o &lt;folder&gt;</c> into a temp folder, once per
/// test class (publishing takes a while on a loaded machine).
/// </summary>
public sealed class PublishedHost : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    /// <summary>The publish folder.</summary>
    public string Folder => _folder.Path;

    /// <summary>The published executable (the apphost, not the dll).</summary>
    public string Executable => Path.Combine(Folder, OperatingSystem.IsWindows() ? "Webhooks.Modular.Host.exe" : "Webhooks.Modular.Host");

    public async Task InitializeAsync()
    {
        // The configuration the tests were built in, so publishing reuses that build instead of compiling
        // every project again; the publish step under test is the same in Debug and Release. The test build
        // has restored the projects already (a restore can wait minutes on the package feed).
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "publish", Path.Combine(RepoPaths.Root, "src", "Host", "Host.csproj"), "-c", RepoPaths.Configuration, "-o", Folder, "--no-restore", "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with {process.ExitCode}: {await output}{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
