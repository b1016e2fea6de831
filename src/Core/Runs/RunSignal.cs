using Webhooks.Modular.Core.Workers;

namespace Webhooks.Modular.Core.Runs;

/// <summary>Wakes the run worker when a run is enqueued.</summary>
internal sealed class RunSignal : WorkSignal;
