using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Console.Web.Rendering;

/// <summary>(Public because Razor components are.) What every page needs besides its own model: who is signed in, and the form token for its posts.</summary>
/// <param name="User">The signed-in user, <c>null</c> on the sign-in page.</param>
/// <param name="FormToken">The anti-forgery token every form posts.</param>
/// <param name="Notice">A one-line message at the top (the outcome of the last change).</param>
public sealed record PageContext(ApiUser? User, string FormToken, string? Notice = null)
{
    /// <summary>Whether change buttons are shown (operators and up); the server checks again on every post.</summary>
    public bool CanChange => User is not null && Access.ConsoleSession.CanChange(User);
}
