using Staffono.Bot.Shop;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Messaging;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Shop;

/// <summary>
/// One-time codes by e-mail go out through MailKit to a real (loopback) SMTP server, UTF-8 intact; a message to a
/// phone, which SMTP cannot reach, goes to the mailbox folder instead; a server that refuses fails loudly.
/// </summary>
public sealed class SmtpMessageSenderTests
{
    [Fact]
    public async Task A_message_to_an_email_address_is_delivered_over_smtp_and_one_to_a_phone_goes_to_the_mailbox()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        using var folder = new TempFolder();
        var mailbox = new MailboxFolder(folder.File("mailbox"), new ManualTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        var sender = new SmtpMessageSender(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, UseTls = false, From = "Бьюти <shop@example.com>" }, mailbox);

        await sender.SendAsync(new OutgoingMessage("anna@example.com", "Код подтверждения для заказа 10232", "Ваш код: 123456."));
        await sender.SendAsync(new OutgoingMessage("+7 916 123-45-67", "Код", "Ваш код: 654321."));

        var mail = await smtp.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("shop@example.com", mail.From);
        Assert.Equal(["anna@example.com"], mail.To);
        var parsed = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal("Код подтверждения для заказа 10232", parsed.Subject);
        Assert.Contains("Ваш код: 123456.", parsed.TextBody, StringComparison.Ordinal);
        var kept = Assert.Single(await mailbox.LatestAsync(10));
        Assert.Equal(("+7 916 123-45-67", "Ваш код: 654321."), (kept.To, kept.Body));
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task A_server_that_refuses_the_message_makes_sending_fail()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.RejectNextMessages = 1;
        using var folder = new TempFolder();
        var sender = new SmtpMessageSender(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, UseTls = false }, new MailboxFolder(folder.Path, TimeProvider.System));

        await Assert.ThrowsAnyAsync<MailKit.CommandException>(() => sender.SendAsync(new OutgoingMessage("anna@example.com", "Code", "123456")));
        Assert.Empty(smtp.Messages);
    }
}
