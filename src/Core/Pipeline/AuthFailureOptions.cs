using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// The <c>authFailures</c> section of <c>plugins.json</c>: after <see cref="Limit"/> failed authentications on one hook
/// from one client address within <see cref="WindowSeconds"/>, that address gets 429 on that hook until the window ends.
/// </summary>
internal sealed class AuthFailureOptions
{
    /// <summary>Failures allowed per hook and address within a window; 0 turns the limit off.</summary>
    public int Limit { get; set; } = 10;

    /// <summary>The window, in seconds.</summary>
    public double WindowSeconds { get; set; } = 60;

    public static AuthFailureOptions Bind(IConfiguration? section, string file)
    {
        var options = new AuthFailureOptions();
        try
        {
            section?.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new PluginConfigurationException(file, "host", "authFailures", ex.Message, ex);
        }

        if (options.Limit < 0)
        {
            throw new PluginConfigurationException(file, "host", "authFailures:limit", "must be 0 (off) or more");
        }

        if (!(options.WindowSeconds > 0 && options.WindowSeconds <= TimeSpan.FromDays(1).TotalSeconds))
        {
            throw new PluginConfigurationException(
                file, "host", "authFailures:windowSeconds", $"must be above 0 and at most 86400 (got {options.WindowSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        return options;
    }
}
