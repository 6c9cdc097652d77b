using Staffono.Bot.Hosting;
using Staffono.Bot.Shop;
using Staffono.Dialogs.Leads;
using Staffono.Dialogs.Support;
using Staffono.Skills.Leads;
using Staffono.Skills.Payments;
using Staffono.Skills.Messaging;
using Staffono.Skills.Shop;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Dialogs;
using Staffono.Dialogs.Booking;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Handoff;
using Staffono.Skills.Understanding;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// The bot composed as the host composes it — the same <c>AddWorkflowPlatform()</c> and
/// <c>AddXxxWorkflow()</c> calls — over stores in a test's own SQLite file and a test clock.
/// </summary>
internal static class TestBot
{
    private static readonly Lazy<IntentUnderstanding> OfflineUnderstanding = new(() =>
        new IntentUnderstanding(OfflineIntentClassifier.Default, null, new UnderstandingOptions()));

    public static ServiceProvider Compose(
        ConversationState conversationState,
        UserState userState,
        BusinessProfile profile,
        TimeProvider clock,
        string databasePath,
        IntentUnderstanding? understanding = null,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(conversationState);
        services.AddSingleton(userState);
        services.AddSingleton(clock);
        services.AddSingleton(profile);
        services.AddSingleton(understanding ?? OfflineUnderstanding.Value);
        services.AddSingleton<ICalendarStore>(new SqliteCalendarStore(SharedSqliteFile.At(databasePath), clock));
        services.AddSingleton<IOutcomeLog>(new SqliteOutcomeLog(SharedSqliteFile.At(databasePath)));
        services.AddSingleton<IHandoffStore>(new SqliteHandoffStore(SharedSqliteFile.At(databasePath)));
        services.AddSingleton<IContactLog>(new SqliteContactLog(SharedSqliteFile.At(databasePath)));
        if (profile.Shop is not null)
        {
            // The demo shop's orders, dated from the test's clock, in the test's own file; codes go to a mailbox beside it.
            var orders = new SqliteOrderStore(SharedSqliteFile.At(databasePath));
            var returns = new SqliteReturnStore(SharedSqliteFile.At(databasePath));
            DemoOrders.SeedAsync(orders, returns, profile.TimeZone, clock.GetUtcNow()).GetAwaiter().GetResult();
            var folder = Path.GetDirectoryName(databasePath)!;
            services.AddSingleton<IOrderStore>(orders);
            services.AddSingleton<IReturnStore>(returns);
            services.AddSingleton<IIdentityLedger>(new SqliteIdentityLedger(SharedSqliteFile.At(databasePath)));
            services.AddSingleton(new MailboxFolder(Path.Combine(folder, "mailbox"), clock));
            services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<MailboxFolder>());
            services.AddSingleton<IReturnPhotos>(new FolderReturnPhotos(Path.Combine(folder, "returns")));
        }

        if (profile.Leads is not null)
        {
            // The CRM and deposits in the test's own file; payments through the host's test checkout; photos beside the file.
            services.AddSingleton<ILeadStore>(new SqliteLeadStore(SharedSqliteFile.At(databasePath)));
            services.AddSingleton<IDepositStore>(new SqliteDepositStore(SharedSqliteFile.At(databasePath)));
            services.AddSingleton<IPaymentGateway>(new Staffono.Bot.Leads.TestCheckoutGateway(() => new Uri("http://localhost:3978/")));
            // Nudges, receipts and the after-job question go through a real outbox in the same file.
            services.AddSingleton<Staffono.Skills.Outbox.IOutbox>(new Staffono.Bot.Outbox.OutboxStore(new Staffono.Runtime.State.SqliteDatabase(databasePath)));
            if (profile.Shop is null)
            {
                services.AddSingleton<IReturnPhotos>(new FolderReturnPhotos(Path.Combine(Path.GetDirectoryName(databasePath)!, "returns")));
            }
        }

        configure?.Invoke(services);

        services.AddWorkflowPlatform();
        services.AddBookingWorkflow();
        if (profile.Shop is not null)
        {
            services.AddSupportWorkflows();
        }

        if (profile.Leads is not null)
        {
            services.AddLeadsWorkflow();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A bot for <see cref="DialogTestFlow"/>: composed over the flow's own conversation and user state.</summary>
    public static Func<ConversationState, UserState, StaffonoBot> Factory(BusinessProfile profile, TimeProvider clock, string databasePath, IntentUnderstanding? understanding = null, Action<IServiceCollection>? configure = null) =>
        (conversation, user) => Compose(conversation, user, profile, clock, databasePath, understanding, configure).GetRequiredService<StaffonoBot>();
}
