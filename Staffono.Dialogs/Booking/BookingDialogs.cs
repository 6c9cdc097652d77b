namespace Staffono.Dialogs.Booking;

/// <summary>The cancel and reschedule dialogs, registered together (the booking dialog is their partner).</summary>
public sealed record BookingDialogs(MyBookingsDialog Cancel, MyBookingsDialog Reschedule);
