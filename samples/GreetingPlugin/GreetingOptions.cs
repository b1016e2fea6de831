namespace Samples.Greeting;

/// <summary>The plugin-level settings, registered in the container for the plugin's factories.</summary>
/// <param name="Salutation">The word every greeting starts with.</param>
public sealed record GreetingOptions(string Salutation);
