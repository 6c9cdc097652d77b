namespace Staffono.Skills.Understanding;

/// <summary>Reads when a customer wants something, relative to when they wrote (DATETIME.md is the contract).</summary>
public interface IDateTimeRecognizer
{
    /// <param name="text">The customer's words.</param>
    /// <param name="reference">When the message was sent, in the business's local time.</param>
    DateTimeResolution? Recognize(string? text, DateTime reference);
}
