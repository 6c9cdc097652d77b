using Staffono.Skills.Business;
using Staffono.Skills.Calendar;

namespace Staffono.Bot.Reminders;

/// <summary>Reminders 24 h and 2 h before each booking, kept in the scheduled-message store.</summary>
public sealed class ReminderSchedule(ScheduledMessageStore store, BusinessProfile profile, TimeProvider time) : IReminderSchedule
{
    public static readonly TimeSpan[] Before = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    public async Task ScheduleAsync(Booking booking, string conversationReference, string language, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(booking.Slot.Start, profile.TimeZone.GetUtcOffset(booking.Slot.Start));
        foreach (var before in Before)
        {
            var due = start - before;
            // A reminder already overdue when the booking is made would only repeat the confirmation.
            if (due > time.GetUtcNow())
            {
                await store.AddAsync(new ScheduledMessage($"{booking.Id}:{before.TotalHours:0}h", booking.Id, $"reminder-{before.TotalHours:0}h", due, start, conversationReference, language), cancellationToken);
            }
        }
    }

    public Task CancelAsync(string bookingId, CancellationToken cancellationToken = default) => store.CancelForBookingAsync(bookingId, cancellationToken);
}
