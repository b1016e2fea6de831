namespace Webhooks.Modular.Abstractions.Plugins;

/// <summary>A stand-in for a contract type of a future major version.</summary>
public interface IFutureWebhookPlugin
{
}
