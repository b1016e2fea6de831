namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>A refused login's body, <c>{"code","message"}</c>, as <see cref="JsonAnswer.ErrorAsync"/> writes it, for the API document.</summary>
/// <param name="Code">A stable code: <c>bad_request</c>, <c>unauthorized</c> or <c>too_many_requests</c>.</param>
/// <param name="Message">What happened, for people.</param>
internal sealed record LoginError(string Code, string Message);
