using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Ai;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Leads;
using Staffono.Skills.Outbox;
using Staffono.Skills.Payments;
using Staffono.Skills.Shop;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// Adds lead qualification and quote → payment → job for a business whose profile names a leads file. Needs the lead and
/// deposit stores, a payment gateway, the calendar store and a photo store; the outbox, when there is one, carries nudges,
/// receipts and the after-job question.
/// </summary>
public static class LeadsRegistration
{
    public static IServiceCollection AddLeadsWorkflow(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDateTimeRecognizer, DateTimeRecognizer>();
        services.TryAddSingleton(sp => new CrmPlugin(sp.GetRequiredService<ILeadStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddKernelPlugin<CrmPlugin>("crm");
        services.TryAddSingleton(sp =>
        {
            var profile = sp.GetRequiredService<BusinessProfile>();
            var setup = profile.Leads ?? throw new InvalidOperationException("The leads workflow needs a leads file: name it in the profile (leads: demo-leads.yaml).");
            var calendar = sp.GetRequiredService<ICalendarStore>();
            return new LeadsServices(
                profile, setup, sp.GetRequiredService<CrmPlugin>(), sp.GetRequiredService<ILeadStore>(), new CalendarPlugin(setup.Line, calendar, sp.GetRequiredService<TimeProvider>()), calendar,
                sp.GetRequiredService<IDepositStore>(), sp.GetRequiredService<IPaymentGateway>(), sp.GetRequiredService<IDateTimeRecognizer>(),
                sp.GetService<IOutbox>(), sp.GetService<IContactLog>(),
                sp.GetService<AttachmentFetcher>() ?? new AttachmentFetcher(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }),
                sp.GetRequiredService<IReturnPhotos>());
        });
        services.TryAddSingleton(sp => new LeadNudges(sp.GetService<IOutbox>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DepositPayments(Leads(sp), sp.GetRequiredService<LeadNudges>(), sp.GetRequiredService<WorkflowServices>(), sp.GetService<ILogger<DepositPayments>>()));
        services.AddSingleton<IOutboxRenderer>(sp => new LeadNudgeRenderer(sp.GetRequiredService<ILeadStore>(), sp.GetService<IContactLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOutboxRenderer>(sp => new DepositPaidRenderer(Leads(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOutboxRenderer>(sp => new AfterJobRenderer(Leads(sp)));
        services.AddSingleton<Workflow>(sp => new LeadsWorkflow(
            new LeadDialog(Leads(sp), sp.GetRequiredService<LeadNudges>(), sp.GetRequiredService<WorkflowServices>()),
            new RatingDialog(Leads(sp), sp.GetRequiredService<WorkflowServices>())));
        return services;
    }

    private static LeadsServices Leads(IServiceProvider sp) => sp.GetRequiredService<LeadsServices>();
}
