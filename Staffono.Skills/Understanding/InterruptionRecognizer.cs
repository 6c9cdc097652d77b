namespace Staffono.Skills.Understanding;

/// <summary>
/// Help, cancel, start over and "a person, please" in Russian and English. Only whole short messages count: "отмените
/// запись на завтра" is a request to cancel a booking, not an interruption of the current question.
/// </summary>
public static class InterruptionRecognizer
{
    private static readonly Dictionary<string, Interruption> Phrases = new(StringComparer.Ordinal)
    {
        ["помощь"] = Interruption.Help, ["помоги"] = Interruption.Help, ["помогите"] = Interruption.Help, ["справка"] = Interruption.Help,
        ["что ты умеешь"] = Interruption.Help, ["что вы умеете"] = Interruption.Help, ["help"] = Interruption.Help, ["?"] = Interruption.Help,
        ["what can you do"] = Interruption.Help, ["menu"] = Interruption.Help, ["меню"] = Interruption.Help, ["pomosh"] = Interruption.Help,
        ["отмена"] = Interruption.Cancel, ["отменить"] = Interruption.Cancel, ["отмени"] = Interruption.Cancel, ["стоп"] = Interruption.Cancel,
        ["хватит"] = Interruption.Cancel, ["выход"] = Interruption.Cancel, ["cancel"] = Interruption.Cancel, ["stop"] = Interruption.Cancel,
        ["quit"] = Interruption.Cancel, ["exit"] = Interruption.Cancel, ["nevermind"] = Interruption.Cancel, ["never mind"] = Interruption.Cancel,
        ["otmena"] = Interruption.Cancel, ["stop it"] = Interruption.Cancel,
        ["начать сначала"] = Interruption.StartOver, ["начнем сначала"] = Interruption.StartOver, ["сначала"] = Interruption.StartOver,
        ["заново"] = Interruption.StartOver, ["давай заново"] = Interruption.StartOver, ["начать заново"] = Interruption.StartOver, ["начнем заново"] = Interruption.StartOver, ["start from scratch"] = Interruption.StartOver, ["start over"] = Interruption.StartOver,
        ["restart"] = Interruption.StartOver, ["start again"] = Interruption.StartOver, ["reset"] = Interruption.StartOver,
        ["оператор"] = Interruption.Human, ["оператора"] = Interruption.Human, ["позовите оператора"] = Interruption.Human, ["позови оператора"] = Interruption.Human,
        ["соедините с оператором"] = Interruption.Human, ["позовите человека"] = Interruption.Human, ["живой человек"] = Interruption.Human, ["человек"] = Interruption.Human,
        ["связаться с человеком"] = Interruption.Human, ["хочу поговорить с человеком"] = Interruption.Human, ["дайте человека"] = Interruption.Human,
        ["позовите менеджера"] = Interruption.Human, ["позовите администратора"] = Interruption.Human, ["operator"] = Interruption.Human, ["operatora"] = Interruption.Human,
        ["human"] = Interruption.Human, ["a human"] = Interruption.Human, ["talk to a human"] = Interruption.Human, ["talk to a person"] = Interruption.Human,
        ["speak to a human"] = Interruption.Human, ["speak to a person"] = Interruption.Human, ["real person"] = Interruption.Human, ["a real person"] = Interruption.Human,
        ["agent"] = Interruption.Human, ["live agent"] = Interruption.Human, ["human please"] = Interruption.Human, ["talk to someone"] = Interruption.Human,
    };

    public static Interruption Recognize(string? text)
    {
        if (text?.Trim() == "?")
        {
            return Interruption.Help;
        }

        var normalized = TextNormalizer.Normalize(text);
        if (Phrases.TryGetValue(normalized, out var whole))
        {
            return whole;
        }

        // "хм, лучше позовите оператора", "can I talk to a real person please": asking for a person is rarely said
        // alone, and is never an answer to a question, so a short message that asks for one in so many words counts.
        var words = TextNormalizer.Words(normalized);
        return words.Length <= MaxWordsAskingForPerson && PersonRequests.Any(p => ContainsPhrase(words, p)) ? Interruption.Human : Interruption.None;
    }

    /// <summary>Longer messages tell something ("the operator said my order ships Monday"), so they go to the classifier instead.</summary>
    private const int MaxWordsAskingForPerson = 8;

    /// <summary>Word sequences that ask for a person wherever they stand in a short message.</summary>
    private static readonly string[][] PersonRequests =
    [
        ["позовите", "оператора"], ["позови", "оператора"], ["позовите", "человека"], ["позови", "человека"], ["позовите", "менеджера"], ["позовите", "администратора"],
        ["с", "оператором"], ["живого", "человека"], ["живой", "человек"], ["с", "живым", "человеком"], ["с", "человеком"], ["дайте", "оператора"],
        ["нужен", "оператор"], ["нужен", "человек"], ["хочу", "оператора"],
        ["talk", "to", "a", "human"], ["talk", "to", "a", "person"], ["speak", "to", "a", "human"], ["speak", "to", "a", "person"],
        ["human", "agent"], ["live", "agent"], ["talk", "to", "someone"], ["speak", "to", "someone"], ["talk", "to", "an", "operator"], ["a", "real", "person"],
    ];

    private static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, phrase.Length).SequenceEqual(phrase))
            {
                return true;
            }
        }

        return false;
    }
}
