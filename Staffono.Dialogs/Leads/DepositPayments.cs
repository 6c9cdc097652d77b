using System.Text.Json;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Analytics;
using Staffono.Skills.Customers;
using Staffono.Skills.Leads;
using Staffono.Skills.Outbox;
using Staffono.Skills.Payments;

namespace Staffono.Dialogs.Leads;

/// <summary>What a payment confirmation did.</summary>
public enum PaymentOutcome
{
    /// <summary>The deposit is paid now; the job was booked (or, its time gone, a person was asked to find another).</summary>
    Applied,

    /// <summary>The event was seen before, or the deposit was already paid: nothing changed.</summary>
    AlreadyApplied,

    /// <summary>No deposit has that id.</summary>
    UnknownDeposit,
}

/// <summary>
/// Settles a deposit when its payment provider confirms it — the customer's confirmation, checked by the provider's
/// signature or the host's own test page. Once per deposit, whatever the number of deliveries: the deposit is marked
/// paid together with the event id, then the job is booked in the line's calendar on the slot the customer held, the lead
/// is won, and the chat hears of it through the outbox. After the job, the customer is asked for a rating.
/// </summary>
public sealed class DepositPayments(LeadsServices leads, LeadNudges nudges, WorkflowServices services, ILogger<DepositPayments>? logger = null)
{
    public const string PaidKind = "leads.paid";
    public const string AfterJobKind = "leads.after_job";

    /// <summary>How long after a job's end the rating question goes (the outbox keeps it out of quiet hours).</summary>
    public static readonly TimeSpan AfterJob = TimeSpan.FromHours(2);

    public async Task<PaymentOutcome> CompleteAsync(string depositId, string eventId, CancellationToken cancellationToken = default)
    {
        var deposit = await leads.Deposits.FindAsync(depositId, cancellationToken);
        if (deposit is null)
        {
            return PaymentOutcome.UnknownDeposit;
        }

        var now = services.Time.GetUtcNow();
        if (!await leads.Deposits.MarkPaidAsync(depositId, eventId, now, cancellationToken))
        {
            return PaymentOutcome.AlreadyApplied;
        }

        var job = JsonSerializer.Deserialize<JobDetails>(deposit.Job) ?? throw new InvalidDataException($"Deposit {depositId} has no job.");
        var notes = string.Join("; ", new[] { job.Address, job.Access, job.Description, $"deposit {deposit.Id}" }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var booking = await leads.Line.BookJobAsync(job.Slot, new Customer(deposit.CustomerKey, job.Name, job.Phone), notes, services.Grant, cancellationToken);
        if (booking is not null)
        {
            await leads.Deposits.SetBookingAsync(depositId, booking.Id, cancellationToken);
        }
        else
        {
            logger?.LogWarning("Deposit {Deposit} is paid but its time {Start} was taken; a person must find another", depositId, job.Slot.Start);
        }

        if (await leads.Leads.FindAsync(deposit.LeadId, cancellationToken) is { } lead)
        {
            await leads.Crm.SaveAsync(new LeadChange(lead.Contact, lead.Source, $"deposit {deposit.Amount:0} {deposit.Currency} paid; " + (booking is null ? "the time was taken: a person picks another" : $"job {booking.Id} booked for {job.Slot.Start:yyyy-MM-dd HH:mm}"), Stage: LeadStage.Won), services.Grant, cancellationToken);
        }

        await nudges.CancelAsync(deposit.LeadId, cancellationToken);
        await services.Outcomes.RecordAsync(new OutcomeEvent(deposit.ConversationKey, LeadsWorkflow.WorkflowName, "deposit_paid", 0, now), $"{deposit.Id} {deposit.Amount:0} {deposit.Currency}", cancellationToken);
        await services.Outcomes.RecordAsync(new OutcomeEvent(deposit.ConversationKey, LeadsWorkflow.WorkflowName, booking is null ? "job_unscheduled" : "job_scheduled", 0, now), booking?.Id ?? deposit.Id, cancellationToken);
        if (leads.Outbox is { } outbox)
        {
            var payload = JsonSerializer.Serialize(new DepositPayload(deposit.Id));
            // The customer paid for this: the receipt is owed, whatever their marketing opt-out.
            await outbox.EnqueueAsync(new OutboxMessage($"leads/{deposit.Id}/paid", PaidKind, now, null, deposit.ConversationReference, deposit.CustomerKey, deposit.Language, payload, Transactional: true), cancellationToken);
            if (booking is not null)
            {
                var end = job.Slot.End + AfterJob;
                await ScheduleAfterJobAsync(outbox, deposit, new DateTimeOffset(end, leads.Setup.Line.TimeZone.GetUtcOffset(end)), cancellationToken);
            }
        }

        return PaymentOutcome.Applied;
    }

    /// <summary>The job is done (the crew's app said so): ask for the rating now rather than two hours after its planned end.</summary>
    public async Task<bool> JobCompletedAsync(string depositId, CancellationToken cancellationToken = default)
    {
        var deposit = await leads.Deposits.FindAsync(depositId, cancellationToken);
        if (deposit is not { State: DepositState.Paid, BookingId: not null } || leads.Outbox is not { } outbox)
        {
            return false;
        }

        await ScheduleAfterJobAsync(outbox, deposit, services.Time.GetUtcNow(), cancellationToken);
        return true;
    }

    /// <summary>The rating question at <paramref name="due"/>; enqueued again (a job.completed) it replaces the one not sent yet.</summary>
    private static Task ScheduleAfterJobAsync(IOutbox outbox, Deposit deposit, DateTimeOffset due, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(
            new OutboxMessage($"leads/{deposit.Id}/after_job", AfterJobKind, due, due + TimeSpan.FromDays(3), deposit.ConversationReference, deposit.CustomerKey, deposit.Language, JsonSerializer.Serialize(new DepositPayload(deposit.Id)), Transactional: false),
            cancellationToken);

    /// <summary>What the deposit's messages carry: which deposit.</summary>
    public sealed record DepositPayload(string Deposit);
}

/// <summary>The receipt in the chat: the payment, and the job with its time and address (or that a person will find a new time).</summary>
public sealed class DepositPaidRenderer(LeadsServices leads, TimeProvider time) : IOutboxRenderer
{
    public string Kind => DepositPayments.PaidKind;

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<DepositPayments.DepositPayload>(message.Payload)!.Deposit;
        if (await leads.Deposits.FindAsync(id, cancellationToken) is not { State: DepositState.Paid } deposit)
        {
            return null;
        }

        var language = message.Language;
        var job = JsonSerializer.Deserialize<JobDetails>(deposit.Job)!;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), leads.Setup.Line.TimeZone).DateTime;
        var paid = Texts.Get(language, "quote.paid", Support.SupportWording.Money(language, deposit.Amount, deposit.Currency));
        var text = deposit.BookingId is null
            ? paid + " " + Texts.Get(language, "quote.paid_time_taken")
            : paid + " " + Texts.Get(language, "quote.job_booked", Booking.BookingWording.When(language, job.Slot.Start, now), job.Address, Support.SupportWording.Money(language, job.Price - deposit.Amount, deposit.Currency));
        return new LogicalReply(text) { Locale = TurnLanguage.Locale(language) };
    }
}

/// <summary>After the job: how was it, one to five.</summary>
public sealed class AfterJobRenderer(LeadsServices leads) : IOutboxRenderer
{
    public string Kind => DepositPayments.AfterJobKind;

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<DepositPayments.DepositPayload>(message.Payload)!.Deposit;
        if (await leads.Deposits.FindAsync(id, cancellationToken) is not { BookingId: { } bookingId } || await leads.Calendar.FindAsync(bookingId, cancellationToken) is not { Cancelled: false })
        {
            return null;
        }

        var language = message.Language;
        return new LogicalReply(Texts.Get(language, "quote.rate"))
        {
            Locale = TurnLanguage.Locale(language),
            Choices = RatingDialog.Stars.Select(stars => new ReplyChoice(Texts.Get(language, RatingDialog.StarsKey(stars)))).ToList(),
        };
    }
}
