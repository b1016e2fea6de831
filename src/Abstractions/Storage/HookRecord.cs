namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A hook as stored, so that hooks outlive a restart and events can be listed per hook.</summary>
/// <param name="Name">The hook's name.</param>
/// <param name="Definition">Its definition as JSON, secrets left out.</param>
/// <param name="Enabled">Whether it accepts requests.</param>
/// <param name="CreatedAt">When it was first stored.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record HookRecord(string Name, string Definition, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
