using System.Globalization;
using System.Text;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Channels;

/// <summary>
/// Turns a <see cref="LogicalReply"/> into the activities a channel can show, degrading Adaptive Card →
/// hero card with buttons → numbered text list (answerable by number), keeping suggested actions
/// within the channel's count and title limits, and splitting text at the channel's length limit.
/// </summary>
public static class ReplyRenderer
{
    public static IReadOnlyList<Activity> Render(LogicalReply reply, string? channelId) =>
        Render(reply, ChannelCapabilityTable.For(channelId));

    public static IReadOnlyList<Activity> Render(LogicalReply reply, ChannelCapabilities channel)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(channel);
        var text = reply.Text;
        Attachment? attachment = null;
        SuggestedActions? suggested = null;
        var choices = reply.Choices;

        if (reply.AdaptiveCard is { } card && channel.SupportsAdaptiveCard(AdaptiveCards.GetVersion(card)))
        {
            attachment = AdaptiveCards.ToAttachment(card);
            if (choices.Count > 0 && channel.SuggestedActionsWithAttachments && choices.Count <= channel.MaxSuggestedActions)
            {
                suggested = SuggestedFor(choices, channel);
            }
        }
        else if (choices.Count > 0 && reply.AdaptiveCard is null && choices.Count <= channel.MaxSuggestedActions)
        {
            suggested = SuggestedFor(choices, channel);
        }
        else if (choices.Count > 0 && channel.HeroCards && choices.Count <= channel.MaxHeroCardButtons)
        {
            attachment = new HeroCard { Buttons = choices.Select(c => CardAction.ImBack(c.Title, c.EffectiveValue)).ToList() }.ToAttachment();
        }
        else if (choices.Count > 0)
        {
            text = AppendNumberedList(text, choices);
        }

        var chunks = Split(text, channel.MaxTextLength);
        var activities = new List<Activity>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var activity = Activity.CreateMessage(chunks[i]);
            activity.Locale = reply.Locale;
            if (i == 0 && reply.Entities.Count > 0)
            {
                // A mention belongs with the text that names it, which is in the first part.
                activity.Entities = [.. reply.Entities];
            }
            if (i == chunks.Count - 1)
            {
                // Options belong to the last part: that is the message the user answers.
                var attachments = new List<Attachment>(2);
                if (attachment is not null)
                {
                    attachments.Add(attachment);
                }

                if (reply.Links.Count > 0 && channel.HeroCards)
                {
                    attachments.Add(new HeroCard { Buttons = reply.Links.Take(channel.MaxHeroCardButtons).Select(l => new CardAction(ActionTypes.OpenUrl, Shorten(l.Title, channel.MaxSuggestedActionTitleLength), l.Url.ToString())).ToList() }.ToAttachment());
                }

                if (attachments.Count > 0)
                {
                    activity.Attachments = attachments;
                }

                activity.SuggestedActions = suggested;
                activity.InputHint = choices.Count > 0 ? InputHints.ExpectingInput : InputHints.AcceptingInput;
            }
            else
            {
                activity.InputHint = InputHints.IgnoringInput;
            }

            activities.Add(activity);
        }

        return activities;
    }

    private static SuggestedActions SuggestedFor(IReadOnlyList<ReplyChoice> choices, ChannelCapabilities channel) => new()
    {
        Actions = choices.Select(c => CardAction.ImBack(Shorten(c.Title, channel.MaxSuggestedActionTitleLength), c.EffectiveValue)).ToList(),
    };

    private static string AppendNumberedList(string text, IReadOnlyList<ReplyChoice> choices)
    {
        var builder = new StringBuilder(text);
        for (var i = 0; i < choices.Count; i++)
        {
            builder.Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(choices[i].Title);
        }

        return builder.ToString();
    }

    /// <summary>Cuts a title to the limit with an ellipsis; the choice's value keeps the full text, so matching still works.</summary>
    internal static string Shorten(string title, int? limit)
    {
        if (limit is not { } max || new StringInfo(title).LengthInTextElements <= max)
        {
            return title;
        }

        var elements = StringInfo.GetTextElementEnumerator(title);
        var builder = new StringBuilder();
        for (var count = 0; count < max - 1 && elements.MoveNext(); count++)
        {
            builder.Append(elements.GetTextElement());
        }

        return builder.ToString().TrimEnd() + "…";
    }

    /// <summary>Splits at the last line break, else the last space, before the limit; never inside a surrogate pair.</summary>
    internal static IReadOnlyList<string> Split(string text, int? limit)
    {
        if (limit is not { } max || text.Length <= max)
        {
            return [text];
        }

        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = window.LastIndexOf('\n');
            if (cut < max / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < max / 2)
            {
                cut = char.IsHighSurrogate(window[max - 1]) ? max - 1 : max;
            }

            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (!rest.IsEmpty)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }
}
