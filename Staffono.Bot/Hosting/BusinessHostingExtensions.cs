using Staffono.Bot.Outbox;
using Staffono.Bot.Leads;
using Staffono.Bot.Shop;
using Staffono.Dialogs.Booking;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;
using Staffono.Skills.Storage;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Loads the business profile as the host is composed (a broken profile stops start-up with its line and
/// field), registers the stores workflows keep their records in, and adds the workflows this business runs.
/// </summary>
public static class BusinessHostingExtensions
{
    public static IHostApplicationBuilder AddBusinessProfile(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(BusinessOptions.SectionName);
        builder.Services.AddOptions<BusinessOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        // Read now, while the host is being composed: a broken profile stops start-up with its one-line message
        // before anything starts (and before the host would log a failed start with a stack trace).
        var profile = BusinessProfileLoader.Load((section.Get<BusinessOptions>() ?? new BusinessOptions()).FullPath);
        builder.Services.AddSingleton(profile);
        // Every store shares the database file with state and Direct Line, and so its one write gate.
        builder.Services.AddSingleton<ISqliteFile>(sp => new SharedSqliteFile(sp.GetRequiredService<SqliteDatabase>()));
        builder.Services.AddSingleton<ICalendarStore>(sp => new SqliteCalendarStore(sp.GetRequiredService<ISqliteFile>(), sp.GetRequiredService<TimeProvider>()));
        // One outbox for every proactive message, one dispatcher, one channel policy.
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IOutboxStore>(sp => new OutboxStore(sp.GetRequiredService<SqliteDatabase>()));
        builder.Services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<IOutboxStore>());
        builder.Services.AddSingleton<IContactLog>(sp => new SqliteContactLog(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton<OutboxPolicy>();
        builder.Services.AddSingleton<OutboxRateLimits>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<IOutcomeLog>(sp => new SqliteOutcomeLog(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton<IHandoffStore>(sp => new SqliteHandoffStore(sp.GetRequiredService<ISqliteFile>()));

        // People: the operators' console and Teams; then the workflows, one line each.
        builder.AddOperators();
        builder.Services.AddWorkflowPlatform();
        builder.Services.AddBookingWorkflow((section.Get<BusinessOptions>() ?? new BusinessOptions()).PublicBaseUrl);
        builder.AddShop(profile);
        builder.AddLeads(profile);
        builder.Services.AddHostedService<ProfileCheck>();
        return builder;
    }

    /// <summary>Says at start which business the bot serves.</summary>
    private sealed class ProfileCheck(IServiceProvider services, ILogger<ProfileCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var profile = services.GetRequiredService<BusinessProfile>();
            logger.LogInformation("Business profile: {Name}, {Locations} locations, {Services} services, {Staff} staff", profile.Name, profile.Locations.Count, profile.Services.Count, profile.Staff.Count);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
