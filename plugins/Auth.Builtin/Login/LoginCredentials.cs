namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>A login request's body, <c>{"username": ..., "password": ...}</c>, or why it could not be read.</summary>
/// <param name="Username">The name, when the body was good.</param>
/// <param name="Password">The password, when the body was good.</param>
/// <param name="Problem">What is wrong with the body, for the caller; <c>null</c> when it was good.</param>
internal sealed record LoginCredentials(string Username, string Password, string? Problem)
{
    public static LoginCredentials Bad(string problem) => new(string.Empty, string.Empty, problem);

    /// <summary>Keeps the password out of logs and debugger displays.</summary>
    public override string ToString() => Problem ?? $"{{ Username = {Username} }}";
}
