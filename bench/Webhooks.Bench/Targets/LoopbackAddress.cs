using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>The address a started app listens on, checked to be 127.0.0.1: the benchmark never leaves the machine.</summary>
internal static class LoopbackAddress
{
    /// <summary>The only URL the benchmark asks Kestrel for: loopback, any free port.</summary>
    public const string Urls = "http://127.0.0.1:0";

    /// <summary>Reads the started app's address.</summary>
    /// <param name="app">The app, started.</param>
    /// <exception cref="InvalidOperationException">The app listens somewhere other than 127.0.0.1.</exception>
    public static Uri Of(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Count == 1 ? new Uri(addresses.First()) : null;
        if (address is null || !IPAddress.TryParse(address.Host, out var ip) || !ip.Equals(IPAddress.Loopback))
        {
            throw new InvalidOperationException($"expected one address on 127.0.0.1, the app listens on: {string.Join(", ", addresses)}");
        }

        return address;
    }
}
