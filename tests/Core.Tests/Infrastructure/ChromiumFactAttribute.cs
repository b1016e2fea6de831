namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// A browser test: it drives Debian's Chromium (<c>apt-get install chromium</c>, which <c>.ci/run</c> does) through
/// Playwright, since Playwright's own browser download cannot be reached here. Reported as skipped, with this reason,
/// when the browser is missing. <c>WEBHOOKS_TEST_CHROMIUM</c> names another executable.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Variable = "WEBHOOKS_TEST_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"Chromium not found at {ExecutablePath}: browser tests skipped (apt-get install chromium, or set {Variable})";
        }
    }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : DefaultPath;
}
