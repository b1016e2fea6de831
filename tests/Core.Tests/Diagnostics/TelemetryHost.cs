using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// The real host on loopback with SQLite, Delivery.Http (allowed to reach loopback), the telemetry plugin, one hook
/// (<c>api-key</c>, an in-process action that succeeds) with a unique name, and a receiver subscribed to its events.
/// The meter is process-wide and other tests run beside this one, so every assertion is scoped by the unique hook or
/// destination.
/// </summary>
internal sealed class TelemetryHost : IAsyncDisposable
{
    public const string Key = "telemetry-test-key-0123456789abcdef";

    private readonly TempFolder _folder;

    private TelemetryHost(TempFolder folder, LoopbackHost host, Receiver receiver, string hook, string destinationId)
    {
        _folder = folder;
        Host = host;
        Receiver = receiver;
        Hook = hook;
        DestinationId = destinationId;
    }

    public LoopbackHost Host { get; }

    public Receiver Receiver { get; }

    public string Hook { get; }

    public string DestinationId { get; }

    /// <param name="telemetrySettings">The telemetry plugin's settings; by default only <c>serviceName</c>.</param>
    public static async Task<TelemetryHost> StartAsync(object? telemetrySettings = null)
    {
        var folder = new TempFolder();
        var receiver = await Receiver.StartAsync();
        var hook = $"telemetry-{Guid.NewGuid():N}"[..24];
        var document = new
        {
            plugins = new object[]
            {
                new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } },
                new { name = "Auth.ApiKey" },
                new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } },
                new { name = "Telemetry.OpenTelemetry", settings = telemetrySettings ?? new { serviceName = "telemetry-test" } },
            },
            hooks = new object[]
            {
                new
                {
                    name = hook,
                    auth = new { scheme = "api-key", settings = new { keys = new[] { Key } } },
                    action = new { type = "in-process", settings = new { handler = "telemetry" } },
                },
            },
            runs = new { concurrency = 2, pollMilliseconds = 50 },
            authFailures = new { limit = 3, windowSeconds = 600 },
        };
        var config = folder.Write("plugins.json", JsonSerializer.Serialize(document));
        var host = await LoopbackHost.StartAsync(config, webhooks =>
        {
            webhooks.AddHandler("telemetry", (_, _) => Task.FromResult(RunResult.Success("ok")));
            webhooks.ConfigureDelivery(o => o.PollMilliseconds = 20);
        });
        var destinations = host.Services.GetRequiredService<IDestinationManager>();
        var created = await destinations.CreateAsync(
            new DestinationSpec("test", receiver.Url.ToString(), [$"event.webhook.{hook}"]), CancellationToken.None);
        return new TelemetryHost(folder, host, receiver, hook, created.Destination.Id);
    }

    public HttpRequestMessage Post(string? key, string? traceparent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{Hook}")
        {
            Content = new StringContent("""{"order":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        return request;
    }

    /// <summary>Scrapes <c>/metrics</c> until <paramref name="until"/> holds for it (the exporter caches a scrape briefly), or fails.</summary>
    public async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await Host.Client.GetAsync("/metrics");
            response.EnsureSuccessStatusCode();
            var scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            if (until(scrape))
            {
                return scrape;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the scrape never met the condition; last scrape:\n{scrape.Text}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        _folder.Dispose();
    }
}
