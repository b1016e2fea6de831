namespace Webhooks.Modular.Surfaces.Danube.Auth;

/// <summary>Who called: a signed-in user or one of the configured API keys.</summary>
/// <param name="Name">How the log names them: <c>user &lt;id&gt;</c> or <c>api key #n</c>.</param>
internal sealed record Caller(string Name);
