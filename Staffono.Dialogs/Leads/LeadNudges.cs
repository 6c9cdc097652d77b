using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Skills.Customers;
using Staffono.Skills.Leads;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// Follow-ups of a lead who went quiet: a gentle nudge 2 hours after the bot's last question, another after 24 hours,
/// through the outbox (so quiet hours, opt-outs and each channel's rules apply). Every new question replaces them, so a
/// reply cancels the rest; a booked meeting, a paid deposit or a decline cancels them for good, and so does «стоп».
/// </summary>
public sealed class LeadNudges(IOutbox? outbox, TimeProvider time)
{
    public const string Kind = "leads.nudge";
    public static readonly TimeSpan First = TimeSpan.FromHours(2);
    public static readonly TimeSpan Second = TimeSpan.FromHours(24);

    /// <summary>The bot just asked the lead something: nudge if no answer comes.</summary>
    public async Task ScheduleAsync(ITurnContext turnContext, string leadId, string project, string language, CancellationToken cancellationToken)
    {
        if (outbox is null)
        {
            return;
        }

        await outbox.CancelAsync(Prefix(leadId), cancellationToken);
        var now = time.GetUtcNow();
        var question = ConversationTranscript.MessageNumber(turnContext);
        var reference = CustomerIdentity.ConversationReference(turnContext);
        var customer = CustomerIdentity.Of(turnContext).Key;
        foreach (var (after, second) in new[] { (First, false), (Second, true) })
        {
            var payload = JsonSerializer.Serialize(new NudgePayload(leadId, project, now, second));
            // A nudge a day late is no nudge: each is dropped if it cannot go within a day of its time.
            await outbox.EnqueueAsync(
                new OutboxMessage($"{Prefix(leadId)}{question}/{(second ? "24h" : "2h")}", Kind, now + after, now + after + TimeSpan.FromDays(1), reference, customer, language, payload, Transactional: false),
                cancellationToken);
        }
    }

    /// <summary>The lead answered for good (a meeting, a deposit, a decline): no more nudges.</summary>
    public Task CancelAsync(string leadId, CancellationToken cancellationToken) =>
        outbox?.CancelAsync(Prefix(leadId), cancellationToken) ?? Task.CompletedTask;

    private static string Prefix(string leadId) => $"leads/{leadId}/nudge/";

    /// <summary>What a nudge knows: whose, about what, when the silence began, and whether it is the second.</summary>
    public sealed record NudgePayload(string Lead, string Project, DateTimeOffset Since, bool Second);
}

/// <summary>Words the nudges when due, or drops them: the lead wrote since, met, paid or declined. The second marks the lead silent.</summary>
public sealed class LeadNudgeRenderer(ILeadStore leads, IContactLog? contacts, TimeProvider time) : IOutboxRenderer
{
    public string Kind => LeadNudges.Kind;

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<LeadNudges.NudgePayload>(message.Payload) ?? throw new InvalidDataException($"Nudge {message.Key} has no payload.");
        var lead = await leads.FindAsync(payload.Lead, cancellationToken);
        if (lead is null || lead.Stage is LeadStage.MeetingBooked or LeadStage.Won or LeadStage.Lost)
        {
            return null;
        }

        // They wrote since — about this or anything else: they are not silent.
        if (contacts is not null && await contacts.FindAsync(message.CustomerKey, cancellationToken) is { LastWrote: { } wrote } && wrote > payload.Since)
        {
            return null;
        }

        if (payload.Second)
        {
            await leads.SaveAsync(new LeadChange(lead.Contact, lead.Source, "no answer for 24 hours: silent", Stage: LeadStage.Silent), time.GetUtcNow(), cancellationToken);
        }

        var language = message.Language;
        return new LogicalReply(Texts.Get(language, payload.Second ? "leads.nudge_second" : "leads.nudge_first", payload.Project)) { Locale = TurnLanguage.Locale(language) };
    }
}
