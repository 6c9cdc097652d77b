namespace Staffono.Bot.Hosting;

/// <summary>
/// Whether the host can answer at full speed. A fresh process still has to train its classifier and
/// compile its hot paths; until the warm-up has done that, <c>/healthz</c> answers 503, so a load
/// balancer or an orchestrator sends customers elsewhere rather than making the first one wait.
/// </summary>
public sealed class Readiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Completes when the host is ready.</summary>
    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
