using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Leads;
using Staffono.Skills.Outbox;
using Staffono.Skills.Payments;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Leads;

/// <summary>What the leads and quote workflows work with: the owner's setup, the CRM, the line's calendar, payments, the outbox.</summary>
/// <param name="Profile">The business's main profile, whose services' prices a price question about them gets.</param>
/// <param name="Line">The home-services line's calendar: calls, site visits and jobs.</param>
/// <param name="Photos">Where photos a customer sends for an exact price are kept (the same folder as returns' photos).</param>
/// <param name="Outbox">Where nudges and after-job messages go; null where the host has none (then nobody is nudged).</param>
public sealed record LeadsServices(
    BusinessProfile Profile,
    LeadsSetup Setup,
    CrmPlugin Crm,
    ILeadStore Leads,
    CalendarPlugin Line,
    ICalendarStore Calendar,
    IDepositStore Deposits,
    IPaymentGateway Payments,
    IDateTimeRecognizer Dates,
    IOutbox? Outbox,
    IContactLog? Contacts,
    Workflows.AttachmentFetcher Attachments,
    Skills.Shop.IReturnPhotos Photos)
{
    public LeadScorer Scorer { get; } = new(Setup.Scoring);

    /// <summary>The line's local time now.</summary>
    public DateTime LocalNow => Line.LocalNow;
}
