namespace Webhooks.Modular.Api.Management.Paging;

/// <summary>One page of a list, newest first.</summary>
/// <typeparam name="T">An item.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Next">The link to the next (older) page, with the same filters; <c>null</c> on the last page.</param>
/// <param name="NextCursor">The opaque cursor inside <paramref name="Next"/>; <c>null</c> on the last page.</param>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next, string? NextCursor);
