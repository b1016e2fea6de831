namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>How the pipeline ended for one request. Surfaces map each to their own status code.</summary>
public enum ReceiveStatus
{
    /// <summary>Stored with its run(s): 200.</summary>
    Accepted,

    /// <summary>Authenticated, but no condition matched; nothing started: 204.</summary>
    NotTriggered,

    /// <summary>No such hook: 404.</summary>
    HookNotFound,

    /// <summary>The hook does not take this method: 405.</summary>
    MethodNotAllowed,

    /// <summary>The body is over the hook's limit: 413.</summary>
    PayloadTooLarge,

    /// <summary>The content type is not one the hook takes: 415.</summary>
    UnsupportedMediaType,

    /// <summary>Missing or wrong credentials: 401 (the reason is logged, never told).</summary>
    Unauthorized,

    /// <summary>Genuine but not allowed (such as a disabled hook): 403.</summary>
    Forbidden,

    /// <summary>
    /// Conflicts with an earlier request: its idempotency key was first used with a different method or body, or its
    /// run id exists already: 409. (An exact repeat of an accepted request is not a duplicate: it is answered with the
    /// first request's status and <see cref="ReceiveOutcome.Replayed"/>.)
    /// </summary>
    Duplicate,

    /// <summary>The request is malformed in a way the surface or a component names: 400.</summary>
    BadRequest,

    /// <summary>The body did not arrive in time (the server's minimum data rate or a request timeout): 408.</summary>
    RequestTimeout,

    /// <summary>
    /// Too many failed authentications from this client address on this hook: 429, with
    /// <see cref="ReceiveOutcome.RetryAfter"/> for the <c>Retry-After</c> header. Nothing is checked or stored.
    /// </summary>
    TooManyRequests,
}
