using System.Net;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Core.Tests.Management;

namespace Webhooks.Modular.Core.Tests.Console;

/// <summary>The console on the real host, without a browser: who may see it, who may change things, and the form token.</summary>
public sealed class ConsoleAuthorizationTests
{
    [Fact]
    public async Task Anonymous_requests_are_sent_to_the_sign_in_page_and_come_back_after_it()
    {
        await using var host = await ManagementHost.StartAsync();
        using var browser = new ConsoleClient(host.Host.Address);

        foreach (var path in new[] { "/console", "/console/events?q=abc", "/console/destinations" })
        {
            var (status, _, location) = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Equal($"/console/sign-in?returnUrl={Uri.EscapeDataString(path)}", location!.OriginalString);
        }

        // A bearer session of the API does not open the console: only its own cookie does.
        using (var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Host.Address })
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/console"))
        {
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Operator);
            using var answer = await client.SendAsync(bearer);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        }

        var (wrong, page, _) = await PostSignInAsync(browser, "mgmt-viewer", "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Contains("invalid username or password", page, StringComparison.Ordinal);

        await browser.SignInAsync("mgmt-viewer", ManagementHost.Password);
        var (ok, overview, _) = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains("mgmt-viewer (viewer)", overview, StringComparison.Ordinal);
        Assert.Contains("Outbox pending", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_no_replay_button_and_gets_403_for_a_replay_while_an_operator_replays()
    {
        await using var host = await ManagementHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(500);
        var destination = (await host.Destinations.CreateAsync(
            new DestinationSpec("config", host.Receiver.Url.ToString(), [$"event.webhook.{ManagementHost.Hook}"]) { Retry = RetryPolicy.None },
            CancellationToken.None)).Destination.Id;
        var posted = await host.PostAsync("""{"order":42}""");
        var detail = await host.WaitForAsync(
            $"/api/v1/events/{posted.EventId}",
            e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "failed"),
            "the delivery failed");
        var delivery = detail.GetProperty("deliveries")[0].GetProperty("id").GetString()!;
        host.Receiver.Reply = (_, _) => new Reply(200);

        using var viewer = new ConsoleClient(host.Host.Address);
        await viewer.SignInAsync("mgmt-viewer", ManagementHost.Password);
        var (status, page, _) = await viewer.GetAsync($"/console/deliveries/{delivery}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">failed<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/replay", page, StringComparison.Ordinal);
        var (destinations, destinationsPage, _) = await viewer.GetAsync("/console/destinations");
        Assert.Equal(HttpStatusCode.OK, destinations);
        Assert.Contains(destination, destinationsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/disable", destinationsPage, StringComparison.Ordinal);

        var (refused, _, _) = await viewer.PostAsync($"/console/deliveries/{delivery}/replay");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        var (refusedDisable, _, _) = await viewer.PostAsync($"/console/destinations/{destination}/disable");
        Assert.Equal(HttpStatusCode.Forbidden, refusedDisable);
        Assert.True((await host.Destinations.GetAsync(destination, CancellationToken.None))!.IsActive);
        var unchanged = await host.GetAsync($"/api/v1/deliveries/{delivery}");
        Assert.Equal(("failed", 1), (unchanged.GetProperty("delivery").GetProperty("status").GetString(), unchanged.GetProperty("attemptList").GetArrayLength()));

        using var operatorBrowser = new ConsoleClient(host.Host.Address);
        await operatorBrowser.SignInAsync("mgmt-operator", ManagementHost.Password);
        var (_, operatorPage, _) = await operatorBrowser.GetAsync($"/console/deliveries/{delivery}");
        Assert.Contains($"/console/deliveries/{delivery}/replay", operatorPage, StringComparison.Ordinal);

        // Without the form's token the post is refused before anything else is looked at.
        var (forged, _, _) = await operatorBrowser.PostAsync($"/console/deliveries/{delivery}/replay", withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged);

        var (replayed, _, location) = await operatorBrowser.PostAsync($"/console/deliveries/{delivery}/replay");
        Assert.Equal(HttpStatusCode.SeeOther, replayed);
        Assert.Equal($"/console/deliveries/{delivery}?done=replayed", location!.OriginalString);
        var sent = await host.WaitForAsync(
            $"/api/v1/deliveries/{delivery}", d => d.GetProperty("delivery").GetProperty("status").GetString() == "success", "the replay was sent");
        Assert.Equal(2, sent.GetProperty("attemptList").GetArrayLength());
    }

    private static async Task<(HttpStatusCode Status, string Html, Uri? Location)> PostSignInAsync(ConsoleClient browser, string username, string password)
    {
        await browser.GetAsync("/console/sign-in");
        return await browser.PostAsync("/console/sign-in", true, ("username", username), ("password", password), ("returnUrl", "/console"));
    }
}
