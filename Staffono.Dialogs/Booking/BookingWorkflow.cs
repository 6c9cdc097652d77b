using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Booking;

/// <summary>
/// Booking, moving and cancelling appointments (WORKFLOWS.md §1), and the buttons under its reminders.
/// </summary>
public sealed class BookingWorkflow(BookingDialog booking, MyBookingsDialog cancel, MyBookingsDialog reschedule) : Workflow
{
    public const string WorkflowName = "booking";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [booking, cancel, reschedule];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } =
    [
        WorkflowEntry.OnIntent(Intents.Booking, BookingDialog.DialogId, dc => new BookingRequest { FirstText = dc.Context.Activity.Text }),
        WorkflowEntry.OnIntent(Intents.CancelBooking, MyBookingsDialog.CancelId),
        WorkflowEntry.OnIntent(Intents.Reschedule, MyBookingsDialog.RescheduleId),
        // The buttons under a reminder (ReminderDispatcher sends them with these titles).
        WorkflowEntry.OnButton("reminder.confirm", (dc, ct) => dc.Context.SendActivityAsync(Texts.Message(dc.Language, "reminder.thanks"), ct)),
        WorkflowEntry.OnButton("reminder.reschedule", (dc, ct) => dc.BeginDialogAsync(MyBookingsDialog.RescheduleId, null, ct)),
    ];
}
