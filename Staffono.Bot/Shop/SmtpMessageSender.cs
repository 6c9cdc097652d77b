using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Staffono.Skills.Messaging;

namespace Staffono.Bot.Shop;

/// <summary>
/// Sends messages to e-mail addresses through the configured SMTP server (MailKit); messages to phones, which
/// need an SMS gateway this host does not have, go to the mailbox folder instead.
/// </summary>
public sealed class SmtpMessageSender(SmtpOptions options, IMessageSender otherwise) : IMessageSender
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.To.Contains('@', StringComparison.Ordinal))
        {
            await otherwise.SendAsync(message, cancellationToken);
            return;
        }

        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? "localhost", options.Port, options.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
