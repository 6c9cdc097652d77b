using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// One conversation file of Dialogs/Scenarios: the customer's messages, texts the bot's replies must
/// contain, and the outcome events the conversation must record. A key the model does not know is an
/// error, so a misspelt expectation cannot be silently ignored.
/// </summary>
public sealed class ConversationScenario
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>What the conversation shows, in a sentence.</summary>
    public string Scenario { get; set; } = "";

    public string Locale { get; set; } = "";

    /// <summary>The business's local time when the conversation starts.</summary>
    public DateTime Now { get; set; }

    /// <summary>A profile from Scenarios/Profiles instead of the demo salon.</summary>
    public string? Profile { get; set; }

    /// <summary>The name the channel gives the customer; empty for none. Default: Анна / Anna by locale.</summary>
    public string? Name { get; set; }

    /// <summary>The customer's own time zone, as the channel's localTimezone.</summary>
    public string? Timezone { get; set; }

    /// <summary>The shop sends a one-time code to the order's contact before telling anything (identity.one_time_code).</summary>
    public bool OneTimeCode { get; set; }

    public List<ScenarioTurn> Turns { get; set; } = [];

    /// <summary>The outcome event kinds the conversation records, in order. Required.</summary>
    public List<string>? Outcomes { get; set; }

    /// <summary>How many customer messages the last outcome took.</summary>
    public int? MessagesToOutcome { get; set; }

    /// <summary>Text the last outcome event's detail must contain (a handoff's reason in the customer's words).</summary>
    public string? OutcomeDetail { get; set; }

    /// <summary>Texts the conversation's handoff request must carry: its fields (name: value) and transcript lines.</summary>
    public ScenarioHandoff? Handoff { get; set; }

    /// <summary>What the CRM must hold when the conversation ends.</summary>
    public ScenarioCrm? Crm { get; set; }

    public static ConversationScenario Load(string path)
    {
        using var reader = new StreamReader(path);
        return Reader.Deserialize<ConversationScenario>(reader);
    }
}

/// <summary>One customer message and texts the bot's replies must contain, in order.</summary>
public sealed class ScenarioTurn
{
    /// <summary>The message; "{code}" stands for the one-time code last written to the mailbox.</summary>
    public string User { get; set; } = "";

    /// <summary>
    /// Instead of a message, the customer stays silent this long ("2h", "24h", "30m"): the clock moves on and what the outbox
    /// has due for the conversation is rendered as the bot's replies of this turn.
    /// </summary>
    public string? Wait { get; set; }

    /// <summary>The bot must say nothing this turn (a nudge a reply cancelled).</summary>
    public bool Nothing { get; set; }

    /// <summary>A photo attached to the message (a small JPEG, sent inline as Web Chat and channels send files).</summary>
    public bool Photo { get; set; }

    public List<string> Bot { get; set; } = [];
}

/// <summary>What a handoff must have passed to the person taking over.</summary>
public sealed class ScenarioHandoff
{
    public Dictionary<string, string> Fields { get; set; } = [];

    /// <summary>Texts that must appear in the transcript, in order.</summary>
    public List<string> Transcript { get; set; } = [];
}

/// <summary>What the CRM holds after the conversation: how many leads, and the last one's stage, tier and answers.</summary>
public sealed class ScenarioCrm
{
    public int? Leads { get; set; }

    public string? Stage { get; set; }

    public string? Tier { get; set; }

    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>Texts the lead's history must have, in order.</summary>
    public List<string> History { get; set; } = [];
}
