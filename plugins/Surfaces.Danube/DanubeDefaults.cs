using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Danube;

/// <summary>The names this surface gives its destinations, so that its routes see only its own.</summary>
internal static class DanubeDefaults
{
    /// <summary><see cref="DestinationRecord.Owner"/> of every subscription made through <c>/v1/webhooks</c>.</summary>
    public const string Owner = "danube";

    /// <summary>The payload format: <c>{"event","timestamp","data"}</c>.</summary>
    public const string Format = "danube";

    /// <summary>The signature scheme: <c>X-Danube-Signature: t=&lt;unix&gt;,sha256=&lt;hex&gt;</c>.</summary>
    public const string Signing = SigningSchemes.Danube;

    /// <summary>The outbound channel.</summary>
    public const string Channel = "http";
}
