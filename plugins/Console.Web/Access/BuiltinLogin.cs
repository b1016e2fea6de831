using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Console.Web.Access;

/// <summary>
/// Signs in through Auth.Builtin's own login endpoint (the one named <c>Login</c>, wherever its <c>loginPath</c> puts it),
/// called in-process with the form's name and password as its JSON body and the browser's address: the same users,
/// password check, failed-login limit per address and logs as the API's login, without a second sign-in to maintain.
/// </summary>
internal static class BuiltinLogin
{
    public const string EndpointName = "Login";

    public static async Task<SignInOutcome> SignInAsync(HttpContext context, string username, string password)
    {
        var login = context.RequestServices.GetService<EndpointDataSource>()?.Endpoints
            .FirstOrDefault(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == EndpointName);
        if (login?.RequestDelegate is not { } handle)
        {
            return new SignInOutcome(null, default, null, "sign-in is not available: add the Auth.Builtin plugin to the deployment");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
        var inner = new DefaultHttpContext { RequestServices = context.RequestServices, RequestAborted = context.RequestAborted };
        inner.Connection.RemoteIpAddress = context.Connection.RemoteIpAddress;
        inner.Request.Method = HttpMethods.Post;
        inner.Request.Scheme = context.Request.Scheme;
        inner.Request.Host = context.Request.Host;
        inner.Request.ContentType = "application/json";
        inner.Request.ContentLength = body.Length;
        inner.Request.Body = new MemoryStream(body);
        using var answer = new MemoryStream();
        inner.Response.Body = answer;
        await handle(inner).ConfigureAwait(false);

        answer.Position = 0;
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(answer, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new SignInOutcome(null, default, null, $"sign-in failed ({inner.Response.StatusCode})");
        }

        if (inner.Response.StatusCode == StatusCodes.Status200OK
            && root.TryGetProperty("token", out var token) && root.TryGetProperty("expiresAt", out var expiresAt) && root.TryGetProperty("user", out var user))
        {
            return new SignInOutcome(
                token.GetString(),
                expiresAt.GetDateTimeOffset(),
                new ApiUser(user.GetProperty("id").GetString()!, user.GetProperty("username").GetString()!, user.GetProperty("role").GetString()!),
                null);
        }

        var message = root.TryGetProperty("message", out var text) ? text.GetString() : null;
        if (inner.Response.StatusCode == StatusCodes.Status429TooManyRequests && inner.Response.Headers.RetryAfter.ToString() is { Length: > 0 } retry)
        {
            message += string.Create(CultureInfo.InvariantCulture, $" (in {retry} s)");
        }

        return new SignInOutcome(null, default, null, message ?? $"sign-in failed ({inner.Response.StatusCode})");
    }
}
