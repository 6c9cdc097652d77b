using System.Globalization;
using System.Text;
using Staffono.Dialogs.Engine;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// A few lines for the person taking a ticket, written offline from what the workflow collected and what
/// the customer last said: who, what they want, why the bot handed over. Plain text, in the operators' language.
/// </summary>
public static class HandoffSummary
{
    private const int QuoteLength = 160;

    public static string Write(HandoffRecord ticket, string language)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var text = new StringBuilder();
        text.Append(Texts.Get(language, "handoff.summary_who", ticket.CustomerName ?? Texts.Get(language, "handoff.customer"), ChannelName(ticket.ConversationKey), WorkflowName(language, ticket.Workflow)));
        text.Append(' ').Append(Texts.Get(language, "handoff.summary_why", Quote(ticket.Reason)));
        if (ticket.Fields.Count > 0)
        {
            text.Append(' ').Append(Texts.Get(language, "handoff.summary_fields", string.Join(", ", ticket.Fields.Select(f => $"{FieldName(language, f.Key)}: {f.Value}"))));
        }

        if (ticket.Transcript.LastOrDefault(l => l.FromCustomer) is { } last && !string.Equals(last.Text, ticket.Reason, StringComparison.Ordinal))
        {
            text.Append(' ').Append(Texts.Get(language, "handoff.summary_last", Quote(last.Text)));
        }

        return text.ToString();
    }

    /// <summary>"webchat" from "webchat/abc".</summary>
    public static string ChannelName(string conversationKey) =>
        conversationKey.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? conversationKey[..slash] : conversationKey;

    /// <summary>The workflow as operators read it («запись»), or its name when no text names it.</summary>
    public static string WorkflowName(string language, string workflow) =>
        Texts.TryGet(language, "handoff.workflow." + workflow) ?? workflow;

    /// <summary>A collected field's name as operators read it («услуга»), or the field's key.</summary>
    public static string FieldName(string language, string field) =>
        Texts.TryGet(language, "handoff.field." + field) ?? field;

    private static string Quote(string text) =>
        "«" + (text.Length > QuoteLength ? text[..QuoteLength].TrimEnd() + "…" : text) + "»";

    /// <summary>"14:05" or "3 дек 14:05" in the business's zone.</summary>
    public static string Moment(string language, DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var culture = CultureInfo.GetCultureInfo(TurnLanguage.Locale(language));
        return local.Date == today ? local.ToString("HH:mm", culture) : local.ToString(language == TurnLanguage.Russian ? "d MMM HH:mm" : "MMM d HH:mm", culture);
    }
}
