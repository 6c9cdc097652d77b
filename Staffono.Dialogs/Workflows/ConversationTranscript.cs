using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// The last messages of a conversation, both sides, kept in conversation state so a handoff can show
/// a person what was said. The bot starts it for each turn; workflows only read it.
/// </summary>
public sealed class ConversationTranscript
{
    /// <summary>Enough for a person to see what the customer asked and what they were offered.</summary>
    public const int MaxLines = 20;

    /// <summary>A message longer than this is cut in the transcript (never in the conversation).</summary>
    public const int MaxLineLength = 500;

    private const string TurnKey = "Staffono.Transcript";

    public List<TranscriptLine> Lines { get; set; } = [];

    /// <summary>How many messages the customer has sent in this conversation, this turn's included.</summary>
    public int CustomerMessages { get; set; }

    /// <summary>The number of the turn's message in its conversation (1 for the first); 0 when the bot started no transcript.</summary>
    public static int MessageNumber(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnKey, out var value) && value is ConversationTranscript transcript ? transcript.CustomerMessages : 0;

    /// <summary>The transcript of the turn's conversation, as the bot started it; empty when none was started.</summary>
    public static IReadOnlyList<TranscriptLine> Of(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnKey, out var value) && value is ConversationTranscript transcript ? transcript.Lines : [];

    /// <summary>Adds the turn's message and, as they are sent, the bot's replies.</summary>
    public void Follow(ITurnContext turnContext, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[TurnKey] = this;
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            CustomerMessages++;
        }

        if (turnContext.Activity is { Type: ActivityTypes.Message, Text: { Length: > 0 } text })
        {
            Add(new TranscriptLine(true, text, now));
        }

        turnContext.OnSendActivities(async (turn, activities, next) =>
        {
            var sent = await next();
            foreach (var activity in activities)
            {
                if (activity is { Type: ActivityTypes.Message, Text: { Length: > 0 } reply })
                {
                    Add(new TranscriptLine(false, reply, now));
                }
            }

            return sent;
        });
    }

    private void Add(TranscriptLine line)
    {
        Lines.Add(line.Text.Length > MaxLineLength ? line with { Text = line.Text[..MaxLineLength] + "…" } : line);
        if (Lines.Count > MaxLines)
        {
            Lines.RemoveRange(0, Lines.Count - MaxLines);
        }
    }
}
