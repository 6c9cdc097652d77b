namespace Staffono.Skills.Understanding;

/// <summary>Reads when a customer wants something, relative to when they wrote (DATETIME.md is the contract).</summary>
public interface IDateTimeRecognizer
{
    /// <param name="text">The customer's words.</param>
    /// <param name="reference">When the message was sent, in the business's local time.</param>
    DateTimeResolution? Recognize(string? text, DateTime reference);

    /// <summary>
    /// As <see cref="Recognize(string?, DateTime)"/>, in a conversation already about <paramref name="dayInContext"/>:
    /// a time with no day («а в 15?» among times offered for Friday) means that day, not its next occurrence
    /// (DATETIME.md rule 13 is for a message read on its own). A day in the text still wins.
    /// </summary>
    DateTimeResolution? Recognize(string? text, DateTime reference, DateTime? dayInContext) => Recognize(text, reference);
}
