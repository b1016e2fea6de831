using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer;
using Webhooks.Modular.Auth.Builtin;
using Webhooks.Modular.Auth.Builtin.Commands;
using Webhooks.Modular.Auth.Builtin.Login;
using Webhooks.Modular.Auth.Builtin.Users;
using Webhooks.Modular.Plugins.Tests.Auth.Bearer;
using Webhooks.Modular.Storage.Sqlite;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

/// <summary>
/// Storage.Sqlite, Auth.Bearer and Auth.Builtin composed as the host composes them, over a real SQLite file in a temp
/// folder, with a clock the test moves. The first-admin service is not started: tests run it with their own environment.
/// </summary>
internal sealed class BuiltinFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BuiltinFixture(string folder, ServiceProvider services, CapturedLogs logs)
    {
        Folder = folder;
        _services = services;
        Logs = logs;
    }

    public string Folder { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _services;

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public ITokenService Tokens => _services.GetRequiredService<ITokenService>();

    public IUserStore Users => _services.GetRequiredService<IUserStore>();

    public IAuthTokenStore TokenStore => _services.GetRequiredService<IAuthTokenStore>();

    public IApiAuthenticator Authenticator => _services.GetRequiredService<IApiAuthenticator>();

    public static async Task<BuiltinFixture> CreateAsync(string builtinSettings = "{}")
    {
        var folder = Directory.CreateTempSubdirectory("builtin-").FullName;
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton<TimeProvider>(new ManualClock(DateTimeOffset.Parse("2026-11-22T12:00:00Z", CultureInfo.InvariantCulture)));
        new SqliteStoragePlugin().ConfigureServices(services, Context("Storage.Sqlite", """{ "path": "webhooks.db" }""", folder));
        new BearerAuthPlugin().ConfigureServices(services, Context("Auth.Bearer", "{}", folder));
        new BuiltinAuthPlugin().ConfigureServices(services, Context("Auth.Builtin", builtinSettings, folder));
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>().Where(h => h is not FirstAdmin))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new BuiltinFixture(folder, provider, logs);
    }

    public static PluginContext Context(string name, string json, string folder) =>
        new(name, new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), folder, Path.Combine(folder, "plugins.json"));

    /// <summary>A user created as the <c>user</c> command creates one.</summary>
    public async Task<UserRecord> CreateUserAsync(string username, string password, string role = ApiRoles.Viewer) =>
        await _services.GetRequiredService<UserAccounts>().CreateAsync(username, password, role, CancellationToken.None)
        ?? throw new InvalidOperationException($"user {username} exists");

    /// <summary>The first-admin start-up, reading the given variables instead of the process's.</summary>
    public Task RunFirstAdminAsync(IReadOnlyDictionary<string, string> environment) =>
        new FirstAdmin(
            Users,
            _services.GetRequiredService<UserAccounts>(),
            _services.GetRequiredService<UserPasswords>(),
            _services.GetRequiredService<ILoggerFactory>().CreateLogger("first-admin"),
            name => environment.GetValueOrDefault(name)).StartAsync(CancellationToken.None);

    /// <summary>POSTs <paramref name="body"/> to the login endpoint and returns the status and the parsed answer.</summary>
    public async Task<(int Status, JsonElement Body, HttpResponse Response)> LoginAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        var answer = new MemoryStream();
        context.Response.Body = answer;

        await _services.GetRequiredService<LoginEndpoint>().HandleAsync(context);

        answer.Position = 0;
        using var document = await JsonDocument.ParseAsync(answer);
        return (context.Response.StatusCode, document.RootElement.Clone(), context.Response);
    }

    public Task<(int Status, JsonElement Body, HttpResponse Response)> LoginAsync(string username, string password) =>
        LoginAsync(JsonSerializer.Serialize(new { username, password }));

    /// <summary>Signs in and returns the session token.</summary>
    public async Task<string> SessionAsync(string username, string password)
    {
        var (status, body, _) = await LoginAsync(username, password);
        Assert.Equal(StatusCodes.Status200OK, status);
        return body.GetProperty("token").GetString()!;
    }

    public Task<ApiUser?> AuthenticateAsync(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return Authenticator.AuthenticateAsync(context, CancellationToken.None);
    }

    /// <summary>Runs the <c>user</c> command with the given arguments and environment.</summary>
    public async Task<(int ExitCode, string Output, string Error)> UserCommandAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = new UserCommand(_services, name => environment?.GetValueOrDefault(name));
        var exitCode = await command.RunAsync(new HostCommandContext(arguments, output, error, _services), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
