namespace Staffono.Dialogs.Engine;

/// <summary>One step of a waterfall: ask something, or act on the previous step's answer.</summary>
public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext step, CancellationToken cancellationToken);
