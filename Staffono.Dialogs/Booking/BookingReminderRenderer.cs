using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Booking;

/// <summary>
/// "A reminder of your booking: Haircut, tomorrow at 11:00, ... Still on?" with «Подтвердить / Перенести»,
/// which the booking workflow answers (its button entries). Nothing when the booking is gone.
/// </summary>
public sealed class BookingReminderRenderer(ICalendarStore calendar, BusinessProfile profile, TimeProvider time) : IOutboxRenderer
{
    public string Kind => BookingReminders.Kind;

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<BookingReminders.ReminderPayload>(message.Payload, BookingReminders.PayloadJson);
        var booking = payload is null ? null : await calendar.FindAsync(payload.BookingId, cancellationToken);
        if (booking is null || booking.Cancelled)
        {
            return null;
        }

        var language = message.Language;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), profile.TimeZone).DateTime;
        return new LogicalReply(Texts.Get(language, "reminder.text", BookingWording.Describe(language, booking, profile, now)))
        {
            Locale = TurnLanguage.Locale(language),
            Choices = [new ReplyChoice(Texts.Get(language, "reminder.confirm")), new ReplyChoice(Texts.Get(language, "reminder.reschedule"))],
        };
    }
}
