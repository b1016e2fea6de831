using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Auth.ApiKey;
using Webhooks.Modular.Storage.Sqlite;

namespace Webhooks.Modular.Samples.EmbeddedApp;

/// <summary>
/// The sample's composition. Everything webhook-related is the two calls <c>AddWebhooks</c> and
/// <c>MapWebhooks</c>; the rest is an ordinary app with its own services and routes.
/// </summary>
public static class EmbeddedApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<OrderBook>();

        var dataDirectory = builder.Configuration["Webhooks:DataDirectory"] ?? "data";
        var ordersKey = builder.Configuration["Webhooks:OrdersKey"]
            ?? throw new InvalidOperationException("Set Webhooks:OrdersKey (appsettings.json, an environment variable Webhooks__OrdersKey, or --Webhooks:OrdersKey=...)");

        builder.Services.AddWebhooks(webhooks => webhooks
            .AddPlugin(new SqliteStoragePlugin(), "Storage.Sqlite", new { path = Path.GetFullPath(Path.Combine(dataDirectory, "webhooks.db")) })
            .AddPlugin(new ApiKeyAuthPlugin(), "Auth.ApiKey")
            .AddHandler("record-order", RecordOrderAsync)
            .AddHook(new
            {
                name = "orders",
                auth = new { scheme = "api-key", settings = new { header = "X-API-Key", keys = new[] { ordersKey } } },
                action = new { type = "in-process", settings = new { handler = "record-order" } },
            }));

        var app = builder.Build();
        app.MapGet("/", () => "An existing app, now receiving webhooks at /hooks/orders.");
        app.MapGet("/orders", (OrderBook orders) => orders.All);
        app.MapWebhooks();
        return app;
    }

    /// <summary>The app's own code, run for each accepted webhook, after it is stored.</summary>
    private static Task<RunResult> RecordOrderAsync(IServiceProvider services, RunContext run, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(run.Input);
        if (!payload.RootElement.TryGetProperty("id", out var id) || !payload.RootElement.TryGetProperty("amount", out var amount))
        {
            return Task.FromResult(RunResult.Failure("the payload needs 'id' and 'amount'"));
        }

        services.GetRequiredService<OrderBook>().Add(new Order(id.GetString()!, amount.GetDecimal(), run.RequestId));
        return Task.FromResult(RunResult.Success($"recorded order {id.GetString()}"));
    }
}
