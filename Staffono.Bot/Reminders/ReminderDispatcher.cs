using System.Text.Json;
using Microsoft.Extensions.Options;
using Staffono.Bot.DirectLine;
using Staffono.Dialogs.Booking;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;

namespace Staffono.Bot.Reminders;

/// <summary>
/// Sends due reminders into their conversations — through the local Direct Line feed for web chat
/// conversations of this host, through the Bot Connector for every other channel — with «Подтвердить /
/// Перенести» buttons. Quiet hours postpone a reminder; one that would arrive after the appointment
/// has begun is dropped. Each message is claimed with a lease before sending and marked sent after.
/// </summary>
/// <remarks>
/// Guarantee: a reminder is sent at least once while it is useful, and twice only if this process
/// dies after the channel accepted it and before it was marked sent; it is then sent again when the
/// lease (Reminders:Lease) runs out. Two dispatchers never send the same message in the same lease.
/// </remarks>
public sealed class ReminderDispatcher(
    ScheduledMessageStore store,
    SqliteCalendarStore calendar,
    BusinessProfile profile,
    ChannelAdapter channels,
    DirectLineAdapter directLine,
    DirectLineStore directLineStore,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderDispatcher> logger) : BackgroundService
{
    /// <summary>Sends what is due now; returns how many were sent. The background loop calls it; tests call it directly.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        IReadOnlyList<ScheduledMessage> batch;
        do
        {
            batch = await store.ClaimDueAsync(time.GetUtcNow(), options.Value.Lease, 200, cancellationToken);
            foreach (var message in batch)
            {
                try
                {
                    sent += await DeliverAsync(message, cancellationToken) ? 1 : 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left claimed: when the lease runs out it is tried again, as long as it is still useful.
                    logger.LogWarning(ex, "Reminder {Id} could not be sent; it will be retried", message.Id);
                }
            }
        }
        while (batch.Count == 200);

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            logger.LogInformation("Reminders:Dispatch is off: this instance sends no reminders");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The reminder dispatcher failed a round");
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> DeliverAsync(ScheduledMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var booking = await calendar.FindAsync(message.BookingId, cancellationToken);
        if (booking is null || booking.Cancelled || now >= message.NotAfter)
        {
            await store.MarkExpiredAsync(message.Id, cancellationToken);
            return false;
        }

        var local = TimeZoneInfo.ConvertTime(now, profile.TimeZone);
        if (InQuietHours(TimeOnly.FromDateTime(local.DateTime)))
        {
            var quietEnd = local.Date + profile.Booking.QuietTo.ToTimeSpan();
            var resume = new DateTimeOffset(quietEnd <= local.DateTime ? quietEnd.AddDays(1) : quietEnd, local.Offset);
            if (resume >= message.NotAfter)
            {
                await store.MarkExpiredAsync(message.Id, cancellationToken);
            }
            else
            {
                await store.PostponeAsync(message.Id, resume, cancellationToken);
            }

            return false;
        }

        var reference = JsonSerializer.Deserialize(message.ReferenceJson, ProtocolJson.Context.ConversationReference)
            ?? throw new InvalidOperationException($"Reminder {message.Id} has no conversation reference.");
        var language = message.Language;
        var text = Texts.Get(language, "reminder.text", BookingWording.Describe(language, booking, profile, local.DateTime));
        var reply = new LogicalReply(text)
        {
            Locale = TurnLanguage.Locale(language),
            Choices = [new ReplyChoice(Texts.Get(language, "reminder.confirm")), new ReplyChoice(Texts.Get(language, "reminder.reschedule"))],
        };
        BotAdapter adapter = reference.ChannelId is ChannelIds.DirectLine or ChannelIds.Webchat
            && reference.Conversation?.Id is { } conversationId
            && await directLineStore.ConversationExistsAsync(conversationId, cancellationToken)
            ? directLine
            : channels;
        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivitiesAsync(ReplyRenderer.Render(reply, reference.ChannelId), ct), cancellationToken);
        await store.MarkSentAsync(message.Id, time.GetUtcNow(), cancellationToken);
        return true;
    }

    private bool InQuietHours(TimeOnly at)
    {
        var (from, to) = (profile.Booking.QuietFrom, profile.Booking.QuietTo);
        return from <= to ? at >= from && at < to : at >= from || at < to;
    }
}
