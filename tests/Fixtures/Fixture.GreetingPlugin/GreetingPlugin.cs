using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;

namespace Fixture.GreetingPlugin;

/// <summary>
/// A fixture plugin: an auth scheme ("greeting": the X-Greeting header must equal the configured word), an
/// action ("greet": output "hello, {name}" from the payload), and an endpoint of its own.
/// </summary>
public sealed class GreetingPlugin : WebhookPlugin
{
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        var salutation = context.Settings["salutation"] ?? throw context.Error("salutation", "is required");
        services.AddSingleton<IAuthSchemeFactory, GreetingScheme>();
        services.AddSingleton<IRunActionFactory>(new GreetAction(salutation));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context) =>
        endpoints.MapGet("/greeting-plugin", () => Results.Text($"loaded as {context.Name}"));
}

public sealed class GreetingScheme : IAuthSchemeFactory
{
    public string Scheme => "greeting";

    public IInboundAuthenticator Create(ComponentSettings settings) => new Authenticator(settings.Required("word"));

    private sealed class Authenticator(string word) : IInboundAuthenticator
    {
        public IReadOnlyCollection<string> CredentialHeaders => ["X-Greeting"];

        public IReadOnlyCollection<string> CredentialQueryParameters => [];

        public string? Challenge => "Greeting";

        public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Header("X-Greeting") == word ? AuthResult.Success("greeter") : AuthResult.Fail("wrong greeting"));
    }
}

public sealed class GreetAction(string salutation) : IRunActionFactory, IRunAction
{
    public string Type => "greet";

    public IRunAction Create(ComponentSettings settings) => this;

    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        using var input = System.Text.Json.JsonDocument.Parse(context.Input);
        var name = input.RootElement.TryGetProperty("name", out var n) ? n.GetString() : "nobody";
        return Task.FromResult(RunResult.Success($"{salutation}, {name}"));
    }
}
