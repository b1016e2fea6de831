using System.Net;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Core.Tests.Console;

/// <summary>
/// A browser's part without a browser: a cookie jar, no automatic redirects, and the form token read from each page,
/// as the console's forms post it.
/// </summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _client;

    public ConsoleClient(Uri address)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The form token of the last page read.</summary>
    public string? FormToken { get; private set; }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } match)
        {
            FormToken = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return (response.StatusCode, html, response.Headers.Location);
    }

    /// <summary>Posts a form with the last page's token (unless <paramref name="withToken"/> is false).</summary>
    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> PostAsync(string path, bool withToken = true, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (withToken)
        {
            values.Add(new("__RequestVerificationToken", FormToken ?? throw new InvalidOperationException("no page with a form was read")));
        }

        using var response = await _client.PostAsync(path, new FormUrlEncodedContent(values));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    /// <summary>Signs in through the console's form; asserts the redirect and the session cookie's attributes.</summary>
    public async Task SignInAsync(string username, string password)
    {
        var (status, _, _) = await GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, status);
        using var response = await _client.PostAsync("/console/sign-in", new FormUrlEncodedContent(
        [
            new("username", username), new("password", password), new("returnUrl", "/console"), new("__RequestVerificationToken", FormToken!),
        ]));
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"sign-in as {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wm_console_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
