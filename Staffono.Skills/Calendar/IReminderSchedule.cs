namespace Staffono.Skills.Calendar;

/// <summary>
/// Reminders before appointments (24 h and 2 h): scheduled when a booking is made, replaced when it
/// moves, removed when it is cancelled. The host keeps them durably and sends them proactively.
/// </summary>
public interface IReminderSchedule
{
    /// <param name="booking">The booking to remind of.</param>
    /// <param name="conversationReference">Where to send, as the protocol's ConversationReference JSON.</param>
    /// <param name="language">"ru" or "en".</param>
    Task ScheduleAsync(Booking booking, string conversationReference, string language, CancellationToken cancellationToken = default);

    Task CancelAsync(string bookingId, CancellationToken cancellationToken = default);
}
