using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;

namespace Staffono.Dialogs.Booking;

/// <summary>
/// Cancelling or moving a booking. Only the customer's own upcoming bookings are ever listed, so a
/// customer cannot reach anyone else's — there is nothing to refuse, and nothing is revealed.
/// Cancel: pick the booking (when there are several), confirm, cancel, offer to book again.
/// Reschedule: pick the booking, then the booking conversation asks for the new time and moves it.
/// Only a cancellation is recorded as an outcome; a move is measured by the booking conversation it hands to.
/// </summary>
public sealed class MyBookingsDialog : WorkflowDialog
{
    public const string CancelId = "booking.cancel";
    public const string RescheduleId = "booking.reschedule";
    private readonly CalendarPlugin _calendar;
    private readonly BusinessProfile _profile;
    private readonly bool _reschedule;
    private readonly IReminderSchedule? _reminders;

    public MyBookingsDialog(CalendarPlugin calendar, BusinessProfile profile, bool reschedule, WorkflowServices services, IReminderSchedule? reminders = null)
        : base(reschedule ? RescheduleId : CancelId, BookingWorkflow.WorkflowName, services, measured: false)
    {
        _reminders = reminders;
        _calendar = calendar;
        _profile = profile;
        _reschedule = reschedule;
        AddDialog(new WaterfallDialog(Id + ".steps", [PickAsync, ActAsync, FinishAsync]));
        AddDialog(new ChoicePrompt(Id + ".pick"));
        AddDialog(new ConfirmPrompt(Id + ".confirm"));
    }

    private async Task<DialogTurnResult> PickAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var upcoming = await _calendar.UpcomingAsync(CustomerOf(step), Services.Grant, ct);
        if (upcoming.Count == 0)
        {
            // «У вас нет записей. Записать вас?» is a question, so «да» must book.
            return await step.PromptAsync(Id + ".confirm", PromptOptions.Ask(Texts.Get(step.Language, "booking.none_upcoming")), ct);
        }

        if (upcoming.Count == 1)
        {
            return await step.NextAsync(new FoundChoice(upcoming[0].Id, 0), ct);
        }

        return await step.PromptAsync(Id + ".pick", new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, _reschedule ? "booking.pick_to_move" : "booking.pick_to_cancel")),
            Choices = upcoming.Select(b => new Choice(b.Id) { Title = BookingWording.Capitalize(BookingWording.When(step.Language, b.Slot.Start, _calendar.LocalNow)) }).ToList(),
        }, ct);
    }

    private async Task<DialogTurnResult> ActAsync(WaterfallStepContext step, CancellationToken ct)
    {
        if (step.Result is bool bookInstead)
        {
            if (bookInstead)
            {
                return await step.Dialog.ReplaceDialogAsync(BookingDialog.DialogId, new BookingRequest(), ct);
            }

            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.no_new"), ct);
            return await step.EndDialogAsync(null, ct);
        }

        var bookingId = ((FoundChoice)step.Result!).Value;
        var booking = (await _calendar.UpcomingAsync(CustomerOf(step), Services.Grant, ct)).FirstOrDefault(b => b.Id == bookingId);
        if (booking is null)
        {
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.none_upcoming"), ct);
            return await step.EndDialogAsync(null, ct);
        }

        step.SetValue("booking", booking.Id);
        if (_reschedule)
        {
            // The booking conversation asks for the new time (or takes it from the message) and moves the booking in one step.
            return await step.Dialog.ReplaceDialogAsync(BookingDialog.DialogId, new BookingRequest
            {
                FirstText = step.Context.Activity.Text,
                ServiceId = booking.Slot.ServiceId,
                LocationId = booking.Slot.LocationId,
                ReplacesBookingId = booking.Id,
            }, ct);
        }

        return await step.PromptAsync(Id + ".confirm", PromptOptions.Ask(Texts.Get(step.Language, "booking.confirm_cancel", BookingWording.Describe(step.Language, booking, _profile, _calendar.LocalNow))), ct);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken ct)
    {
        if (step.Result is true && await _calendar.CancelAsync(step.GetValue<string>("booking")!, CustomerOf(step), Services.Grant, ct))
        {
            if (_reminders is not null)
            {
                await _reminders.CancelAsync(step.GetValue<string>("booking")!, ct);
            }

            await RecordOutcomeAsync(step, OutcomeKinds.Cancelled, step.GetValue<string>("booking"), ct);

            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.cancelled"), ct);
            return await step.EndDialogAsync(null, ct);
        }

        await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.kept"), ct);
        return await step.EndDialogAsync(null, ct);
    }
}
