namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Where a newest-first page of a query stopped: the time and id of its last row. The next page holds the rows
/// strictly older than it (same time: smaller id), so rows written meanwhile never shift or repeat a page.
/// </summary>
/// <param name="At">The last row's time (an event's receipt, a run's or a delivery's creation).</param>
/// <param name="Id">The last row's id (for events, the event id in its text form, as <see cref="Guid.ToString()"/> gives it).</param>
public sealed record PageKey(DateTimeOffset At, string Id);
