namespace Staffono.Skills.Messaging;

/// <summary>
/// Sends a message outside the chat, to a phone or an e-mail address (a one-time code, a notification).
/// The embedded default writes each message to a mailbox folder the operator console shows; with SMTP
/// configured, e-mail goes out for real.
/// </summary>
public interface IMessageSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A message to one phone or e-mail address.</summary>
public sealed record OutgoingMessage(string To, string Subject, string Body);
