using Microsoft.Playwright;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Core.Tests.Management;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Console;

/// <summary>
/// The console in a real browser (Debian's Chromium through Playwright) on the real host: an operator signs in, finds
/// an event by its request id, follows it to its failed delivery, replays it and sees it succeed. The screenshots it
/// takes are those of docs/console.md.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output)
{
    private static readonly string Shots = Path.Combine(RepoPaths.Root, "docs", "console");

    [ChromiumFact]
    public async Task An_operator_finds_an_event_by_request_id_follows_it_to_its_delivery_and_replays_it()
    {
        await using var host = await ManagementHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(500);
        var destination = (await host.Destinations.CreateAsync(
            new DestinationSpec("config", host.Receiver.Url.ToString(), [$"event.webhook.{ManagementHost.Hook}"]) { Retry = RetryPolicy.None, Description = "billing" },
            CancellationToken.None)).Destination.Id;
        var posted = await host.PostAsync("""{"order":1042,"customer":"ada","total":"129.00"}""");
        await host.WaitForAsync(
            $"/api/v1/events/{posted.EventId}",
            e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "failed"),
            "the first delivery failed");
        host.Receiver.Reply = (_, _) => new Reply(200);
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            // Root in a container: Chromium's sandbox needs user namespaces it does not get.
            Args = ["--no-sandbox"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Host.Address.ToString(), ViewportSize = new ViewportSize { Width = 1100, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        // Anonymous: sent to the sign-in form, and back to the overview after it.
        await page.GotoAsync("/console");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.GetByLabel("User name").FillAsync("mgmt-operator");
        await page.GetByLabel("Password").FillAsync(ManagementHost.Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "sign-in.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = ManagementHost.Hook })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "overview.png"), FullPage = true });

        // The request id the sender got back finds its event.
        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        await page.GetByLabel("Event id or request id").FillAsync(posted.RequestId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        // The request's own event, and the run.completed event its run published under the same request id.
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = posted.RequestId })).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "run.completed" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "events-search.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = $"Event {posted.EventId}" }).ClickAsync();
        await Assertions.Expect(page.Locator("pre.body")).ToContainTextAsync("\"customer\":\"ada\"");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "X-API-Key" })).ToContainTextAsync("[redacted]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "event.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = $"Delivery to {destination}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#delivery-status")).ToHaveTextAsync("failed");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "500", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "delivery-failed.png"), FullPage = true });

        // Replay: the page says so, reloads itself while the delivery is pending, and shows the successful attempt.
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay this delivery" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replay queued");
        await Assertions.Expect(page.Locator("#delivery-status")).ToHaveTextAsync("success", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "200", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "delivery-replayed.png"), FullPage = true });
        Assert.Equal(2, host.Receiver.Requests.Count);

        // A phone's width: nothing wider than the screen.
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync($"/console/events/{posted.EventId}");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the event page is {overflow} px wider than a 375 px screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "event-phone.png"), FullPage = true });
        await page.GotoAsync("/console/destinations");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "destinations-phone.png"), FullPage = true });
        output.WriteLine($"screenshots written to {Shots}");
    }
}
