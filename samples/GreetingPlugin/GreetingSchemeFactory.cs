using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;

namespace Samples.Greeting;

/// <summary>The auth scheme <c>greeting</c>: builds one authenticator per hook from the hook's <c>auth.settings</c>.</summary>
public sealed class GreetingSchemeFactory : IAuthSchemeFactory
{
    /// <summary>The name hooks give in <c>auth.scheme</c>.</summary>
    public string Scheme => "greeting";

    /// <summary>Validates this hook's settings at start-up: a hook that builds will run.</summary>
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        // Per-hook settings. ResolveSecret accepts a literal, env:NAME or file:path, so the word can stay out of the file.
        var word = settings.ResolveSecret("word", settings.Required("word"));
        var header = settings.Optional("header") ?? "X-Greeting";
        if (header.Contains(' '))
        {
            throw settings.Error("header", "must be a header name"); // names the file, the hook and the key
        }

        return new GreetingAuthenticator(word, header);
    }
}
