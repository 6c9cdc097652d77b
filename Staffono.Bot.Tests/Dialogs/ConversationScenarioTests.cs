using Staffono.Bot.Hosting;
using Staffono.Bot.Shop;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Handoff;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Business;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;
using Staffono.Skills.Leads;
using Staffono.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// Conversations as data: each file in Dialogs/Scenarios is one conversation path, its customer
/// messages and, for each, texts the bot's replies must contain (in order). One theory runs them all.
/// </summary>
public sealed class ConversationScenarioTests
{
    private static readonly string ScenarioFolder = Path.Combine(AppContext.BaseDirectory, "Dialogs", "Scenarios");
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    /// <summary>The first bytes of a JPEG: enough for the bot to know it for one.</summary>
    private static readonly byte[] TinyJpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    /// <summary>The six digits of the latest message in the test's mailbox folder.</summary>
    private static async Task<string> LastCodeAsync(string folder, TimeProvider clock)
    {
        var latest = (await new MailboxFolder(Path.Combine(folder, "mailbox"), clock).LatestAsync(1)).Single();
        return System.Text.RegularExpressions.Regex.Match(latest.Body, @"\b\d{6}\b").Value;
    }

    /// <summary>Each expected text appears in the replies after the one before it (several may be in one reply).</summary>
    private static void ExpectInOrder(string file, int turn, string said, List<string> expectations, List<string> replies)
    {
        var all = string.Join("\n", replies);
        var at = 0;
        foreach (var expected in expectations)
        {
            var found = all.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"{file}, turn {turn} (\"{said}\"): no reply contains \"{expected}\" after what came before.\nReplies:\n{all}");
            at = found + expected.Length;
        }
    }

    /// <summary>
    /// The customer says nothing for <paramref name="wait"/> ("2h", "30m"): the clock moves on, and what the outbox has due
    /// is rendered by its workflow's renderer, as the dispatcher would, and settled. Returns what the customer would read.
    /// </summary>
    private static async Task<List<string>> SilenceAsync(IServiceProvider services, ManualTimeProvider clock, string wait)
    {
        var amount = int.Parse(wait[..^1], System.Globalization.CultureInfo.InvariantCulture);
        clock.Advance(wait[^1] switch { 'h' => TimeSpan.FromHours(amount), 'm' => TimeSpan.FromMinutes(amount), 'd' => TimeSpan.FromDays(amount), _ => throw new FormatException($"wait: '{wait}' is not like 2h, 30m or 1d.") });
        var outbox = (Staffono.Bot.Outbox.IOutboxStore)services.GetRequiredService<Staffono.Skills.Outbox.IOutbox>();
        var renderers = services.GetServices<Staffono.Dialogs.Workflows.IOutboxRenderer>().ToDictionary(r => r.Kind, StringComparer.Ordinal);
        var said = new List<string>();
        foreach (var claimed in await outbox.ClaimDueAsync(clock.GetUtcNow(), TimeSpan.FromMinutes(1), 100, CancellationToken.None))
        {
            var reply = renderers.TryGetValue(claimed.Message.Kind, out var renderer) ? await renderer.RenderAsync(claimed.Message, CancellationToken.None) : null;
            if (reply is null)
            {
                await outbox.MarkSkippedAsync(claimed, "no longer useful", CancellationToken.None);
                continue;
            }

            said.Add(reply.Text);
            await outbox.MarkSentAsync(claimed, clock.GetUtcNow(), null, CancellationToken.None);
        }

        return said;
    }

    public static TheoryData<string> Scenarios => new(Directory.GetFiles(ScenarioFolder, "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string file)
    {
        var scenario = ConversationScenario.Load(Path.Combine(ScenarioFolder, file));
        var salon = scenario.Profile is { } profile ? BusinessProfileLoader.Load(Path.Combine(ScenarioFolder, "Profiles", profile)) : Salon;
        if (scenario.OneTimeCode && salon.Shop is { } shop)
        {
            salon = salon with { Shop = shop with { Identity = shop.Identity with { OneTimeCode = true } } };
        }

        var name = scenario.Name ?? (scenario.Locale.StartsWith("ru", StringComparison.Ordinal) ? "Анна" : "Anna");

        using var folder = new TempFolder();
        var clock = new ManualTimeProvider(new DateTimeOffset(scenario.Now, salon.TimeZone.GetUtcOffset(scenario.Now)).ToUniversalTime());
        var database = folder.File("staffono.db");
        Microsoft.Extensions.DependencyInjection.ServiceProvider? services = null;
        using var flow = new DialogTestFlow(new MemoryStorage(), scenario.Locale, "conv-booking", ChannelIds.Webchat, _ => throw new InvalidOperationException(), (conversation, user) =>
        {
            services = TestBot.Compose(conversation, user, salon, clock, database);
            return services.GetRequiredService<StaffonoBot>();
        });

        var turn = 0;
        foreach (var step in scenario.Turns)
        {
            turn++;
            if (step.Wait is { } wait)
            {
                var silence = await SilenceAsync(services!, clock, wait);
                Assert.True(!step.Nothing || silence.Count == 0, $"{file}, turn {turn} (wait {wait}): the bot should have said nothing, but said:\n{string.Join("\n", silence)}");
                ExpectInOrder(file, turn, "wait " + wait, step.Bot, silence);
                continue;
            }

            var message = flow.Message(step.User.Contains("{code}", StringComparison.Ordinal) ? step.User.Replace("{code}", await LastCodeAsync(folder.Path, clock), StringComparison.Ordinal) : step.User);
            if (step.Photo)
            {
                message.Attachments = [new Attachment { ContentType = "image/jpeg", Name = "photo.jpg", ContentUrl = "data:image/jpeg;base64," + Convert.ToBase64String(TinyJpeg) }];
            }

            message.From = new ChannelAccount("user-1", name.Length == 0 ? null : name, RoleTypes.User);
            message.ServiceUrl = "http://localhost:3978/";   // the host's own web chat: invite links point here
            message.LocalTimezone = scenario.Timezone;

            var replies = (await flow.SendActivityAsync(message)).Select(a => a.Text ?? string.Empty).ToList();
            Assert.True(flow.Errors.Count == 0, $"{file}, turn {turn}: {string.Join("\n", flow.Errors)}");
            Assert.True(!step.Nothing || replies.Count == 0, $"{file}, turn {turn}: the bot should have said nothing.");
            ExpectInOrder(file, turn, step.User, step.Bot, replies);
        }

        if (scenario.Crm is { } crm)
        {
            var leads = await new SqliteLeadStore(SharedSqliteFile.At(database)).SearchAsync(null, 100);
            if (crm.Leads is { } count)
            {
                Assert.True(count == leads.Count, $"{file}: the CRM holds {leads.Count} leads, not {count}.");
            }

            var lead = leads[0];
            Assert.True(crm.Stage is null || crm.Stage == Staffono.Skills.Shop.ShopNames.Snake(lead.Stage.ToString()), $"{file}: the lead's stage is {lead.Stage}, not {crm.Stage}.");
            Assert.True(crm.Tier is null || crm.Tier == lead.Tier?.ToString(), $"{file}: the lead's tier is {lead.Tier}, not {crm.Tier}.");
            foreach (var (key, value) in crm.Answers)
            {
                Assert.True(lead.Answers.TryGetValue(key, out var actual) && actual == value, $"{file}: the lead's answer '{key}' is '{actual}', not '{value}'.");
            }

            var line = 0;
            foreach (var expected in crm.History)
            {
                var found = lead.History.ToList().FindIndex(line, h => h.What.Contains(expected, StringComparison.Ordinal));
                Assert.True(found >= 0, $"{file}: the lead's history has no line with \"{expected}\" after line {line}:\n{string.Join("\n", lead.History.Select(h => h.What))}");
                line = found + 1;
            }
        }

        // The workflow's outcome events, in order, and how many customer messages the outcome took: every path records what happened.
        var recorded = await new SqliteOutcomeLog(SharedSqliteFile.At(database)).ReadAsync("webchat/conv-booking");
        // Handoffs' own events (a ticket opened, claimed, ...) are named "handoff.<kind>"; the workflow's are bare.
        var kinds = recorded.Select(r => r.Event.Workflow == HandoffKinds.Workflow ? $"{HandoffKinds.Workflow}.{r.Event.Kind}" : r.Event.Kind).ToList();
        var workflowEvents = recorded.Where(r => r.Event.Workflow != HandoffKinds.Workflow).ToList();
        Assert.True(scenario.Outcomes is not null, $"{file} names no outcomes; it recorded [{string.Join(", ", kinds)}].");
        Assert.Equal(scenario.Outcomes, kinds);
        if (scenario.MessagesToOutcome is { } messages)
        {
            Assert.Equal(messages, workflowEvents[^1].Event.CustomerMessages);
        }

        // What the last event stored for whoever reads it later (for a handoff: the customer's own words).
        if (scenario.OutcomeDetail is { } detail)
        {
            Assert.Contains(detail, workflowEvents[^1].Detail ?? string.Empty, StringComparison.Ordinal);
        }

        // What the person taking over was given: the collected fields and the conversation so far.
        var handoffs = await new SqliteHandoffStore(SharedSqliteFile.At(database)).OfConversationAsync("webchat/conv-booking");
        Assert.Equal(kinds.Count(k => k == OutcomeKinds.HandedOff), handoffs.Count);
        if (scenario.Handoff is { } handoff)
        {
            var request = Assert.Single(handoffs);
            foreach (var (field, value) in handoff.Fields)
            {
                Assert.True(request.Fields.TryGetValue(field, out var actual) && actual == value, $"{file}: the handoff's field '{field}' is '{actual}', not '{value}'.");
            }

            var line = 0;
            foreach (var expected in handoff.Transcript)
            {
                var found = request.Transcript.ToList().FindIndex(line, l => l.Text.Contains(expected, StringComparison.Ordinal));
                Assert.True(found >= 0, $"{file}: the handoff's transcript has no line with \"{expected}\" after line {line}.");
                line = found + 1;
            }
        }
    }
}
