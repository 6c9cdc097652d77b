using System.Text.Json;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Booking;

/// <summary>
/// Reminders 24 h and 2 h before each booking, as outbox messages keyed by the booking
/// ("booking/{id}/reminder-24h"): scheduled when a booking is made, dropped when it moves or is cancelled.
/// They are transactional — the customer's own appointment — so a marketing opt-out does not stop them.
/// </summary>
public sealed class BookingReminders(IOutbox outbox, BusinessProfile profile, TimeProvider time) : IReminderSchedule
{
    public const string Kind = "booking.reminder";

    public static readonly TimeSpan[] Before = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    public async Task ScheduleAsync(Skills.Calendar.Booking booking, string conversationReference, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var start = new DateTimeOffset(booking.Slot.Start, profile.TimeZone.GetUtcOffset(booking.Slot.Start));
        foreach (var before in Before)
        {
            var due = start - before;
            // A reminder already overdue when the booking is made would only repeat the confirmation.
            if (due > time.GetUtcNow())
            {
                await outbox.EnqueueAsync(
                    new OutboxMessage(
                        $"{KeyPrefix(booking.Id)}reminder-{before.TotalHours:0}h", Kind, due, start, conversationReference, booking.Customer.Key, language,
                        JsonSerializer.Serialize(new ReminderPayload(booking.Id), PayloadJson), Transactional: true),
                    cancellationToken);
            }
        }
    }

    public Task CancelAsync(string bookingId, CancellationToken cancellationToken = default) => outbox.CancelAsync(KeyPrefix(bookingId), cancellationToken);

    /// <summary>Payloads are camelCase JSON ({"bookingId": ...}).</summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public static string KeyPrefix(string bookingId) => $"booking/{bookingId}/";

    /// <summary>What a reminder carries: the booking it is about.</summary>
    public sealed record ReminderPayload(string BookingId);
}
