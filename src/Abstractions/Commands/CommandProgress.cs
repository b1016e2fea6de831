using System.Globalization;

namespace Webhooks.Modular.Abstractions.Commands;

/// <summary>
/// Progress of a long verb (a bulk replay, an import): on a terminal one line redrawn in place with a bar; when the
/// output is redirected (a log file, a pipe, CI) one plain line per item, so the record reads well and greps.
/// </summary>
public sealed class CommandProgress
{
    private const int BarWidth = 24;
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly string _label;
    private readonly int _total;
    private int _done;

    /// <summary>Starts progress over <paramref name="total"/> items on the context's output.</summary>
    /// <param name="context">The verb's context; <see cref="HostCommandContext.IsTerminal"/> picks the form.</param>
    /// <param name="label">What is being done, such as <c>replay</c>.</param>
    /// <param name="total">How many items there are.</param>
    public CommandProgress(HostCommandContext context, string label, int total)
    {
        ArgumentNullException.ThrowIfNull(context);
        _output = context.Output;
        _terminal = context.IsTerminal;
        _label = label;
        _total = total;
    }

    /// <summary>Counts one item done and shows it.</summary>
    /// <param name="item">The item, such as a delivery id.</param>
    /// <param name="outcome">What happened to it, such as <c>replaying</c> or <c>skipped: not finished</c>.</param>
    public async Task ReportAsync(string item, string outcome)
    {
        _done++;
        var count = string.Create(CultureInfo.InvariantCulture, $"{_done}/{_total}");
        if (!_terminal)
        {
            await _output.WriteLineAsync($"{_label} {count} {item}: {outcome}");
            return;
        }

        var filled = _total == 0 ? BarWidth : _done * BarWidth / _total;
        // \r returns to the start of the line; the padding wipes a longer previous item.
        await _output.WriteAsync($"\r{_label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {count} {item}".PadRight(100));
        await _output.FlushAsync();
    }

    /// <summary>Ends the progress with a summary line.</summary>
    /// <param name="summary">Such as <c>replayed 12 of 12 failed deliveries</c>.</param>
    public async Task CompleteAsync(string summary)
    {
        if (_terminal && _done > 0)
        {
            await _output.WriteLineAsync();
        }

        await _output.WriteLineAsync(summary);
    }
}
