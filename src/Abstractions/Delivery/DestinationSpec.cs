namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>What a caller asks for when it creates or declares a destination; the engine fills in the rest.</summary>
/// <param name="Owner">Who manages it (<c>danube</c>, <c>dograh</c>, an app's name).</param>
/// <param name="Url">Where to send; absolute http or https.</param>
/// <param name="EventTypes">Event types or subject patterns; at least one.</param>
public sealed record DestinationSpec(string Owner, string Url, IReadOnlyList<string> EventTypes)
{
    /// <summary>The id; a new UUID when <c>null</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>Only events of this hook, or <c>null</c> for all.</summary>
    public string? HookName { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Whether it receives deliveries.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>The outbound channel type.</summary>
    public string Channel { get; init; } = "http";

    /// <summary>The payload format.</summary>
    public string Format { get; init; } = "standard";

    /// <summary>The signature scheme; a secret is generated unless it is <see cref="SigningSchemes.None"/>.</summary>
    public string Signing { get; init; } = SigningSchemes.StandardWebhooks;

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A stored credential to authenticate with.</summary>
    public string? CredentialId { get; init; }

    /// <summary>Data for the payload format (a payload template).</summary>
    public string? Template { get; init; }

    /// <summary>The retry policy.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Exponential;
}
