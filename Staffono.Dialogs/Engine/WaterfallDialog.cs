using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// A fixed sequence of steps; each step usually asks one thing (a prompt) and the next one acts on
/// the answer. The dialog's version comes from its steps, so a saved conversation that began under an
/// older sequence is restarted instead of being resumed at a step that now means something else.
/// </summary>
public sealed class WaterfallDialog : Dialog
{
    internal const string OptionsKey = "options";
    private const string StepKey = "step";
    private readonly IReadOnlyList<WaterfallStep> _steps;
    private readonly string _version;

    public WaterfallDialog(string id, IEnumerable<WaterfallStep> steps, string? version = null)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.ToList();
        if (_steps.Count == 0)
        {
            throw new ArgumentException("A waterfall needs at least one step.", nameof(steps));
        }

        _version = version ?? Fingerprint(_steps);
    }

    public override string Version => _version;

    public int StepCount => _steps.Count;

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        if (options is not null)
        {
            instance.State[OptionsKey] = options is JsonElement element ? element : JsonSerializer.SerializeToElement(options, options.GetType(), DialogJson.Options);
        }

        return RunStepAsync(dc, instance, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>A message arrived while the waterfall itself (not a prompt) was waiting: it is the answer to the current step.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        return RunStepAsync(dc, instance, instance.Get<int>(StepKey) + 1, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        return RunStepAsync(dc, instance, instance.Get<int>(StepKey) + 1, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        instance.Set(StepKey, index);
        return await _steps[index](new WaterfallStepContext(this, dc, instance, index, reason, result), cancellationToken);
    }

    /// <summary>The steps' count and method names: a reordered, added or removed step changes it.</summary>
    private static string Fingerprint(IReadOnlyList<WaterfallStep> steps)
    {
        var names = string.Join("|", steps.Select(s => $"{s.Method.DeclaringType?.FullName}.{s.Method.Name}"));
        return $"{steps.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(names)))[..12]}";
    }
}
