using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Ai;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Booking;

/// <summary>Adds the booking workflow. Needs the business profile and the calendar store; sends reminders when the host has an outbox.</summary>
public static class BookingRegistration
{
    /// <param name="publicBaseUrl">Where this host is reachable from the internet, for invite links on channels other than its own web chat.</param>
    public static IServiceCollection AddBookingWorkflow(this IServiceCollection services, string? publicBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var baseUrl = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : publicBaseUrl.TrimEnd('/') + "/";
        services.TryAddSingleton<IDateTimeRecognizer, DateTimeRecognizer>();
        services.TryAddSingleton(sp => new CalendarPlugin(sp.GetRequiredService<BusinessProfile>(), sp.GetRequiredService<ICalendarStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddKernelPlugin<CalendarPlugin>("calendar");
        services.TryAddSingleton<IReminderSchedule>(sp => new BookingReminders(sp.GetRequiredService<Skills.Outbox.IOutbox>(), sp.GetRequiredService<BusinessProfile>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOutboxRenderer>(sp => new BookingReminderRenderer(sp.GetRequiredService<ICalendarStore>(), sp.GetRequiredService<BusinessProfile>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Workflow>(sp =>
        {
            var calendar = sp.GetRequiredService<CalendarPlugin>();
            var profile = sp.GetRequiredService<BusinessProfile>();
            var shared = sp.GetRequiredService<WorkflowServices>();
            // Reminders go through the outbox when the host has one.
            var reminders = sp.GetService<Skills.Outbox.IOutbox>() is null ? null : sp.GetRequiredService<IReminderSchedule>();
            return new BookingWorkflow(
                new BookingDialog(calendar, profile, sp.GetRequiredService<IDateTimeRecognizer>(), shared, reminders, baseUrl),
                new MyBookingsDialog(calendar, profile, reschedule: false, shared, reminders),
                new MyBookingsDialog(calendar, profile, reschedule: true, shared, reminders));
        });
        return services;
    }
}
