using Staffono.Bot.Tests.Support;
using Staffono.Dialogs;
using Staffono.Dialogs.Booking;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// Booking conversations as data: each file in Dialogs/Scenarios is one conversation, its customer
/// messages and, for each, texts the bot's replies must contain (in order). One theory runs them all.
/// </summary>
public sealed class BookingConversationTests
{
    private static readonly string ScenarioFolder = Path.Combine(AppContext.BaseDirectory, "Dialogs", "Scenarios");
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    public static TheoryData<string> Scenarios => new(Directory.GetFiles(ScenarioFolder, "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ScenarioFolder, file)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? string.Empty;
        var locale = Scalar(root, "locale");
        var now = DateTime.Parse(Scalar(root, "now"), System.Globalization.CultureInfo.InvariantCulture);
        var salon = root.Children.ContainsKey(new YamlScalarNode("profile"))
            ? BusinessProfileLoader.Load(Path.Combine(ScenarioFolder, "Profiles", Scalar(root, "profile")))
            : Salon;
        var name = root.Children.ContainsKey(new YamlScalarNode("name")) ? Scalar(root, "name") : locale.StartsWith("ru", StringComparison.Ordinal) ? "Анна" : "Anna";

        using var folder = new TempFolder();
        var clock = new ManualTimeProvider(new DateTimeOffset(now, salon.TimeZone.GetUtcOffset(now)).ToUniversalTime());
        var calendar = new CalendarPlugin(salon, new SqliteCalendarStore(folder.File("calendar.db"), clock), clock);
        var outcomes = new Staffono.Skills.Analytics.SqliteOutcomeLog(folder.File("calendar.db"));
        var booking = new BookingDialog(calendar, salon, new DateTimeRecognizer(), clock, outcomes: outcomes);
        var understanding = new IntentUnderstanding(OfflineIntentClassifier.Default, null, new UnderstandingOptions());
        var mine = new BookingDialogs(new MyBookingsDialog(calendar, salon, reschedule: false, outcomes: outcomes, time: clock), new MyBookingsDialog(calendar, salon, reschedule: true, outcomes: outcomes, time: clock));
        using var flow = new DialogTestFlow(new MemoryStorage(), locale, "conv-booking", ChannelIds.Webchat, _ => throw new InvalidOperationException(), (c, u) => new StaffonoBot(c, u, understanding, booking, mine));

        var turn = 0;
        foreach (var step in ((YamlSequenceNode)root.Children[new YamlScalarNode("turns")]).Children.Cast<YamlMappingNode>())
        {
            turn++;
            var message = flow.Message(Scalar(step, "user"));
            message.From = new ChannelAccount("user-1", name.Length == 0 ? null : name, RoleTypes.User);
            message.ServiceUrl = "http://localhost:3978/";   // the host's own web chat: invite links point here
            if (root.Children.TryGetValue(new YamlScalarNode("timezone"), out var zone))
            {
                message.LocalTimezone = ((YamlScalarNode)zone).Value;
            }

            var replies = (await flow.SendActivityAsync(message)).Select(a => a.Text ?? string.Empty).ToList();
            Assert.True(flow.Errors.Count == 0, $"{file}, turn {turn}: {string.Join("\n", flow.Errors)}");
            var at = 0;
            foreach (var expected in ((YamlSequenceNode)step.Children[new YamlScalarNode("bot")]).Children.Select(n => ((YamlScalarNode)n).Value!))
            {
                var found = replies.FindIndex(at, r => r.Contains(expected, StringComparison.Ordinal));
                Assert.True(found >= 0, $"{file}, turn {turn} (\"{Scalar(step, "user")}\"): no reply contains \"{expected}\".\nReplies:\n{string.Join("\n", replies)}");
                at = found + 1;
            }
        }

        // The workflow's outcome events, in order, and how many customer messages the outcome took: every path records what happened.
        var recorded = await outcomes.ReadAsync("webchat/conv-booking");
        var kinds = recorded.Select(r => r.Event.Kind).ToList();
        Assert.True(root.Children.TryGetValue(new YamlScalarNode("outcomes"), out var expectedOutcomes), $"{file} names no outcomes; it recorded [{string.Join(", ", kinds)}].");
        Assert.Equal(((YamlSequenceNode)expectedOutcomes!).Children.Select(n => ((YamlScalarNode)n).Value), kinds);
        if (root.Children.TryGetValue(new YamlScalarNode("messages_to_outcome"), out var messages))
        {
            Assert.Equal(int.Parse(((YamlScalarNode)messages).Value!, System.Globalization.CultureInfo.InvariantCulture), recorded[^1].Event.CustomerMessages);
        }

        // What the last event stored for whoever reads it later (for a handoff: the customer's own words).
        if (root.Children.ContainsKey(new YamlScalarNode("outcome_detail")))
        {
            Assert.Contains(Scalar(root, "outcome_detail"), recorded[^1].Detail ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
