namespace Webhooks.Modular.Bench.Load;

/// <summary>The CPU time one part (see <see cref="CpuPart"/>) used during the measured window.</summary>
/// <param name="Name">The part's name.</param>
/// <param name="Time">Its CPU time, user and system, over all its processes and cores.</param>
internal sealed record CpuShare(string Name, TimeSpan Time);
