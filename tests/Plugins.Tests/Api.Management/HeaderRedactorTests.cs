using Webhooks.Modular.Api.Management.Redaction;

namespace Webhooks.Modular.Plugins.Tests.Api.Management;

/// <summary>Headers shown by the management API: credentials hidden, whatever their case; the rest as stored.</summary>
public sealed class HeaderRedactorTests
{
    [Theory]
    [InlineData("Authorization")]
    [InlineData("proxy-authorization")]
    [InlineData("Cookie")]
    [InlineData("Set-Cookie")]
    [InlineData("X-Hub-Signature-256")]
    [InlineData("Stripe-Signature")]
    [InlineData("X-API-Key")]
    [InlineData("x-apikey")]
    [InlineData("X-Auth-Token")]
    [InlineData("X-Webhook-Secret")]
    [InlineData("X-Session-Id")]
    public void Credential_headers_are_redacted(string name)
    {
        var shown = HeaderRedactor.Redact(new Dictionary<string, string[]> { [name] = ["s3cr3t"], ["Content-Type"] = ["application/json"] });

        Assert.Equal([HeaderRedactor.Redacted], shown[name]);
        Assert.Equal(["application/json"], shown["content-type"]);
    }

    [Theory]
    [InlineData("User-Agent")]
    [InlineData("X-GitHub-Delivery")]
    [InlineData("X-Request-Id")]
    public void Other_headers_are_shown_as_stored(string name) => Assert.False(HeaderRedactor.IsCredential(name));
}
