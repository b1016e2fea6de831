namespace Webhooks.Modular.Api.Management.Views;

/// <summary>Which failed deliveries of the destination to replay: those created in [from, to); both optional.</summary>
/// <param name="From">At or after this time.</param>
/// <param name="To">Before this time.</param>
internal sealed record BulkReplayRequest(DateTimeOffset? From, DateTimeOffset? To);
