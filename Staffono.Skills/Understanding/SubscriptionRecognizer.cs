namespace Staffono.Skills.Understanding;

/// <summary>
/// «отписаться», "unsubscribe" (and, when nothing else is going on, «стоп», "stop") ask the bot to stop
/// writing first; «подписаться», "subscribe" ask it to start again. Whole-message commands only, so
/// "stop by tomorrow?" is not an unsubscribe.
/// </summary>
public static class SubscriptionRecognizer
{
    private static readonly HashSet<string> Unsubscribe = new(StringComparer.Ordinal)
    {
        "отписаться", "отписка", "отпишите", "отпишите меня", "стоп", "не пишите", "не пишите мне", "больше не пишите",
        "unsubscribe", "stop", "stop messages", "stop messaging me", "otpisatsya",
    };

    private static readonly HashSet<string> Subscribe = new(StringComparer.Ordinal)
    {
        "подписаться", "подпишите", "подпишите меня", "подписка", "subscribe", "resubscribe", "podpisatsya",
    };

    /// <returns>True to stop, false to start again, null for anything else.</returns>
    public static bool? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Unsubscribe.Contains(normalized) ? true : Subscribe.Contains(normalized) ? false : null;
    }
}
