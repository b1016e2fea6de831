using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Api;
using Webhooks.Modular.Surfaces.Dograh.Diagnostics;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh.Credentials;

/// <summary>
/// <c>/api/v1/credentials</c>: stored credentials that webhook nodes name in <c>credential_uuid</c>. Any signed-in
/// user may list and read them; developers, managers and admins may create and delete them. Their data is never
/// shown after creation, only a masked <c>hint</c>.
/// </summary>
internal sealed class CredentialEndpoints(ICredentialManager credentials, WorkflowCatalog workflows, ILogger logger)
{
    /// <summary>A credential body is a few short strings; anything this large is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/credentials", (Delegate)CreateAsync).WithSummary("Store a credential for webhook nodes (the secret is never shown again)")
            .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json").Produces<CredentialView>()
            .WithMetadata(ApiExample.Request("""{"name":"crm","credential_type":"api_key","credential_data":{"header_name":"X-API-Key","api_key":"secret-value"}}"""));
        endpoints.MapGet("/api/v1/credentials", (Delegate)ListAsync).WithSummary("Every stored credential (without secrets)").Produces<CredentialView[]>(); // a Delegate, not a RequestDelegate: its IResult is the answer
        endpoints.MapGet("/api/v1/credentials/{uuid}", GetAsync).WithSummary("One credential (without its secret)").Produces<CredentialView>();
        endpoints.MapDelete("/api/v1/credentials/{uuid}", DeleteAsync).WithSummary("Delete a credential").Produces(StatusCodes.Status204NoContent);
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (user, refusal) = await ApiCaller.CredentialManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"request body exceeded {MaxBodyBytes} bytes");
        }

        var (request, error) = CreateCredentialRequest.Parse(body);
        if (request is null)
        {
            return ApiResults.BadRequest(error!.Detail, error.Field);
        }

        CredentialRecord created;
        try
        {
            created = await credentials.CreateAsync(request.Name, request.Type, request.Data, context.RequestAborted);
        }
        catch (ArgumentException exception)
        {
            var field = CredentialFields.FieldOf(exception.ParamName);
            return ApiResults.BadRequest(CredentialFields.DetailOf(exception, field), field);
        }

        Log.CredentialChanged(logger, created.Id, created.Type, "created", user.Id);
        return ApiResults.Ok(CredentialView.From(created), StatusCodes.Status201Created);
    }

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var (user, refusal) = await ApiCaller.SignedInAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var all = await credentials.ListAsync(context.RequestAborted);
        return ApiResults.Ok(all.Select(CredentialView.From).ToArray());
    }

    private async Task<IResult> GetAsync(string uuid, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.SignedInAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return Canonical(uuid) is { } id && await credentials.GetAsync(id, context.RequestAborted) is { } credential
            ? ApiResults.Ok(CredentialView.From(credential))
            : NotFound(uuid);
    }

    private async Task<IResult> DeleteAsync(string uuid, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.CredentialManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (Canonical(uuid) is not { } id || await credentials.GetAsync(id, context.RequestAborted) is not { } credential)
        {
            return NotFound(uuid);
        }

        if (workflows.NodesUsing(id) is { Count: > 0 } users)
        {
            return ApiResults.Conflict($"credential {id} is used by {string.Join(", ", users)}; remove it from the workflow first");
        }

        if (!await credentials.DeleteAsync(id, context.RequestAborted))
        {
            return NotFound(uuid);
        }

        Log.CredentialChanged(logger, id, credential.Type, "deleted", user.Id);
        return Results.NoContent();
    }

    /// <summary>The id in the form credentials are stored with, or <c>null</c> when it is not a UUID (then it is unknown).</summary>
    internal static string? Canonical(string uuid) => Guid.TryParse(uuid, out var id) ? id.ToString("D") : null;

    private static IResult NotFound(string uuid) => ApiResults.NotFound($"credential '{uuid}' not found");

    /// <summary>The body, or <c>null</c> when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
