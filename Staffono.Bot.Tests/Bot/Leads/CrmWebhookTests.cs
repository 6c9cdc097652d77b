using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Leads;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Leads;

/// <summary>
/// The owner's CRM webhook against a real loopback receiver: signed bodies, retries with a doubling wait on failure, the
/// same bytes and id on every attempt, and exactly one accepted delivery per lead change. Every test drives the sender
/// itself (Crm:Dispatch=false) with a manual clock.
/// </summary>
public sealed class CrmWebhookTests : IDisposable
{
    private const string Secret = "webhook-test-secret";
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_receiver_failing_twice_then_accepting_gets_each_event_exactly_once_signed_and_unchanged()
    {
        var failuresLeft = 2;
        var accepted = new ConcurrentDictionary<string, List<string>>();
        await using var receiver = await LoopbackServer.StartAsync(async (context, request) =>
        {
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
                return;
            }

            accepted.GetOrAdd(request.Headers[CrmWebhookSender.DeliveryHeader], _ => []).Add(request.Body);
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });
        await using var host = await StartAsync(receiver);
        var (store, sender) = (host.Services.GetRequiredService<ILeadStore>(), host.Services.GetRequiredService<CrmWebhookSender>());

        var created = await store.SaveAsync(new LeadChange(new LeadContact("Анна", "+7 916 123-45-67", null, "webchat/anna"), "webchat", "asked the price", "repair"), _clock.GetUtcNow());
        await store.SaveAsync(new LeadChange(new LeadContact(null, "8 916 123 45 67", null, null), "webchat", "tier A", Tier: LeadTier.A, Stage: LeadStage.Qualified), _clock.GetUtcNow());

        // Both first attempts fail; nothing is retried before its wait is over.
        Assert.Equal(0, await sender.RunOnceAsync());
        Assert.Equal(0, await sender.RunOnceAsync());
        Assert.Equal(2, receiver.Requests.Count);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await sender.RunOnceAsync());
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await sender.RunOnceAsync());

        var events = await store.EventsOfAsync(created.Id);
        Assert.Equal([CrmEventTypes.LeadCreated, CrmEventTypes.LeadUpdated], events.Select(e => e.Type));
        Assert.Equal(4, receiver.Requests.Count);
        foreach (var stored in events)
        {
            // Delivered once, after two attempts, with the very bytes stored at the change.
            Assert.Equal(stored.Body, Assert.Single(accepted[stored.Id]));
            Assert.NotNull(stored.Delivered);
            Assert.Equal(2, stored.Attempts);
        }

        foreach (var request in receiver.Requests)
        {
            Assert.Equal(CrmWebhookSender.Sign(Secret, request.Body), request.Headers[CrmWebhookSender.SignatureHeader]);
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(request.Headers[CrmWebhookSender.DeliveryHeader], body.RootElement.GetProperty("id").GetString());
            Assert.Equal(request.Headers[CrmWebhookSender.EventHeader], body.RootElement.GetProperty("type").GetString());
            Assert.Equal(created.Id, body.RootElement.GetProperty("lead").GetProperty("id").GetString());
        }

        // The update describes the one lead, matched by the same phone written differently.
        using var update = JsonDocument.Parse(events[1].Body);
        Assert.Equal("A", update.RootElement.GetProperty("lead").GetProperty("tier").GetString());
        Assert.Equal("Qualified", update.RootElement.GetProperty("lead").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_retried_with_a_doubling_wait_and_the_reason_is_kept()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        await using var host = await StartAsync(receiver);
        var (store, sender) = (host.Services.GetRequiredService<ILeadStore>(), host.Services.GetRequiredService<CrmWebhookSender>());
        var lead = await store.SaveAsync(new LeadChange(new LeadContact(null, null, "a@example.com", null), "telegram", "asked the price"), _clock.GetUtcNow());

        var attemptsAt = new List<TimeSpan>();
        var start = _clock.GetUtcNow();
        for (var second = 0; second <= 240; second += 5)
        {
            var before = receiver.Requests.Count;
            await sender.RunOnceAsync();
            if (receiver.Requests.Count > before)
            {
                attemptsAt.Add(_clock.GetUtcNow() - start);
            }

            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        // 0 s, then 30 s later, 60 s after that, 120 s after that.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(210)], attemptsAt);
        var stored = Assert.Single(await store.EventsOfAsync(lead.Id));
        Assert.Null(stored.Delivered);
        Assert.Equal("HTTP 500", stored.LastError);
    }

    [Fact]
    public async Task Without_a_webhook_url_nothing_is_posted_and_the_events_wait()
    {
        await using var host = await RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Crm:Dispatch=false");
        var store = host.Services.GetRequiredService<ILeadStore>();
        var lead = await store.SaveAsync(new LeadChange(new LeadContact(null, null, null, "webchat/x"), "webchat", "asked the price"), _clock.GetUtcNow());
        Assert.Equal(0, await host.Services.GetRequiredService<CrmWebhookSender>().RunOnceAsync());
        Assert.Null(Assert.Single(await store.EventsOfAsync(lead.Id)).Delivered);
    }

    private Task<RunningHost> StartAsync(LoopbackServer receiver) =>
        RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock),
            "--Crm:Dispatch=false", $"--Crm:WebhookUrl={receiver.BaseUri}hooks/leads", $"--Crm:WebhookSecret={Secret}");
}
