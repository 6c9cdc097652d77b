using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Customers;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// The base of a use case's dialog: what every workflow needs, written once. It counts the customer's
/// messages, records "started" when it begins and "abandoned" when it ends without an outcome, records
/// the workflow's own progress and outcomes with the number of messages they took, hands off through
/// <see cref="IHandoff"/>, and says who the customer is and where to reach them later.
/// </summary>
public abstract class WorkflowDialog : ComponentDialog
{
    private const string FirstMessageKey = "firstMessage";
    private const string OutcomeKey = "outcome";
    private const string IntentKey = "intent";

    /// <summary>Turn state the main dialog sets to the intent it starts a workflow on, so a later handoff can say what was asked.</summary>
    public const string StartingIntentKey = "Staffono.StartingIntent";

    /// <param name="workflow">The name outcome events are filed under ("booking").</param>
    /// <param name="measured">False for a dialog that records only its outcome, not started/abandoned (a short follow-up such as cancelling).</param>
    protected WorkflowDialog(string id, string workflow, WorkflowServices services, bool measured = true)
        : base(id)
    {
        Workflow = workflow;
        Services = services ?? throw new ArgumentNullException(nameof(services));
        Measured = measured;
    }

    /// <summary>The workflow this dialog belongs to.</summary>
    public string Workflow { get; }

    protected WorkflowServices Services { get; }

    private bool Measured { get; }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        var self = innerDc.Parent!.ActiveDialog!;
        self.Set(FirstMessageKey, ConversationTranscript.MessageNumber(innerDc.Context));
        if (innerDc.Context.TurnState.TryGetValue(StartingIntentKey, out var intent) && intent is string name)
        {
            self.Set(IntentKey, name);
        }

        if (Measured)
        {
            await WriteAsync(innerDc.Context, self, OutcomeKinds.Started, null, cancellationToken);
        }

        return await base.OnBeginDialogAsync(innerDc, options, cancellationToken);
    }

    /// <summary>
    /// The customer's messages since the workflow began, the first included: counted over the whole
    /// conversation (the bot numbers every message in its transcript), so answers taken by something
    /// else meanwhile (a question about switching use case, "help") count too.
    /// </summary>
    private static int MessagesSoFar(ITurnContext turnContext, DialogInstance self) =>
        ConversationTranscript.MessageNumber(turnContext) - self.Get<int>(FirstMessageKey) + 1;

    /// <summary>A measured workflow that ends without an outcome (cancelled, replaced, dropped) was abandoned.</summary>
    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        await base.EndDialogAsync(turnContext, instance, reason, cancellationToken);
        if (Measured && instance.Get<string>(OutcomeKey) is null)
        {
            await WriteAsync(turnContext, instance, OutcomeKinds.Abandoned, null, cancellationToken);
        }
    }

    /// <summary>Records a step on the way (slots offered, a quote sent); the workflow goes on.</summary>
    protected Task RecordProgressAsync(WaterfallStepContext step, string kind, string? detail, CancellationToken cancellationToken) =>
        WriteAsync(step.Context, Self(step), kind, detail, cancellationToken);

    /// <summary>Records what the workflow achieved (booked, cancelled, an RMA); it will not count as abandoned.</summary>
    protected Task RecordOutcomeAsync(WaterfallStepContext step, string kind, string? detail, CancellationToken cancellationToken)
    {
        Self(step).Set(OutcomeKey, kind);
        return WriteAsync(step.Context, Self(step), kind, detail, cancellationToken);
    }

    /// <summary>
    /// Passes the conversation to a person with what was collected and the transcript, records it as the
    /// outcome, and ends this workflow; the handoff tells the customer what happens next.
    /// </summary>
    protected async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext step, string reason, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken, HandoffPriority priority = HandoffPriority.Normal)
    {
        await RecordOutcomeAsync(step, OutcomeKinds.HandedOff, reason, cancellationToken);
        await Services.Handoff.HandOffAsync(step.Context, new HandoffRequest(Workflow, reason, fields, priority, Self(step).Get<string>(IntentKey)), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>The customer writing this turn.</summary>
    protected static Customer CustomerOf(WaterfallStepContext step) => CustomerIdentity.Of(step.Context);

    /// <summary>Where to write to this customer later (a reminder, a follow-up), as the protocol's ConversationReference JSON.</summary>
    protected static string ConversationReferenceOf(WaterfallStepContext step) => CustomerIdentity.ConversationReference(step.Context);

    private static DialogInstance Self(WaterfallStepContext step) => step.Dialog.Parent!.ActiveDialog!;

    private Task WriteAsync(ITurnContext turnContext, DialogInstance self, string kind, string? detail, CancellationToken cancellationToken) =>
        Services.Outcomes.RecordAsync(new OutcomeEvent(CustomerIdentity.ConversationKey(turnContext), Workflow, kind, MessagesSoFar(turnContext, self), Services.Time.GetUtcNow()), detail, cancellationToken);
}
