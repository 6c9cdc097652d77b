using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Adapter;

public sealed class StateTests
{
    private sealed record Profile(string Name, string Language);

    [Fact]
    public async Task State_is_read_only_when_used_and_written_only_when_changed()
    {
        using var harness = new AdapterHarness();
        var profile = harness.UserState.CreateProperty<Profile>("profile");
        var mode = "ignore";
        var bot = new DelegateBot(async (turn, ct) =>
        {
            switch (mode)
            {
                case "set":
                    await profile.SetAsync(turn, new Profile("Anna", "ru"), ct);
                    break;
                case "read":
                    Assert.Equal("Anna", (await profile.GetAsync(turn, cancellationToken: ct))!.Name);
                    break;
                case "same":
                    await profile.SetAsync(turn, new Profile("Anna", "ru"), ct);
                    break;
            }
        });

        await harness.SendAsync(AdapterHarness.Message("1"), bot);
        Assert.Equal((0, 0), (harness.Storage.Reads, harness.Storage.Writes));

        mode = "set";
        await harness.SendAsync(AdapterHarness.Message("2"), bot);
        Assert.Equal((1, 1), (harness.Storage.Reads, harness.Storage.Writes));

        mode = "read";
        await harness.SendAsync(AdapterHarness.Message("3"), bot);
        mode = "same";
        await harness.SendAsync(AdapterHarness.Message("4"), bot);
        Assert.Equal((3, 1), (harness.Storage.Reads, harness.Storage.Writes));
    }

    [Fact]
    public async Task A_mutated_object_is_noticed_and_saved_and_a_deleted_property_is_removed()
    {
        using var harness = new AdapterHarness();
        var slots = harness.ConversationState.CreateProperty<List<string>>("slots");
        var step = 0;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            step++;
            if (step < 3)
            {
                (await slots.GetAsync(turn, () => [], ct))!.Add($"slot {step}");
            }
            else
            {
                await slots.DeleteAsync(turn, ct);
            }
        });

        await harness.SendAsync(AdapterHarness.Message("a"), bot);
        await harness.SendAsync(AdapterHarness.Message("b"), bot);
        var stored = (await harness.Storage.ReadAsync(["webchat/conversations/conv-1"]))["webchat/conversations/conv-1"].Json;
        await harness.SendAsync(AdapterHarness.Message("c"), bot);

        Assert.Equal("""{"slots":["slot 1","slot 2"]}""", stored);
        Assert.Equal("{}", (await harness.Storage.ReadAsync(["webchat/conversations/conv-1"]))["webchat/conversations/conv-1"].Json);
    }

    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_and_other_conversations_are_not_blocked()
    {
        using var harness = new AdapterHarness();
        var release = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource();
        var order = new List<string>();
        var bot = new DelegateBot(async (turn, _) =>
        {
            lock (order)
            {
                order.Add("start " + turn.Activity.Text);
            }

            if (turn.Activity.Text == "first")
            {
                firstStarted.SetResult();
                await release.Task;
            }

            lock (order)
            {
                order.Add("end " + turn.Activity.Text);
            }
        });

        var first = harness.SendAsync(AdapterHarness.Message("first"), bot);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = harness.SendAsync(AdapterHarness.Message("second"), bot);
        await harness.SendAsync(AdapterHarness.Message("elsewhere", conversation: "conv-other"), bot).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["start first", "start elsewhere", "end elsewhere", "end first", "start second", "end second"], order);
    }

    [Fact]
    public async Task A_write_race_between_two_processes_is_reported_and_never_overwrites()
    {
        using var folder = new TempFolder();
        using var processA = new AdapterHarness(new SqliteStorage(folder.File("shared.db")));
        using var processB = new AdapterHarness(new SqliteStorage(folder.File("shared.db")));
        var release = new TaskCompletionSource();
        var aHasRead = new TaskCompletionSource();
        IBot Bot(AdapterHarness h, string who) => new DelegateBot(async (turn, ct) =>
        {
            var owner = h.ConversationState.CreateProperty<string>("owner");
            await owner.GetAsync(turn, cancellationToken: ct);
            if (who == "A")
            {
                aHasRead.SetResult();
                await release.Task;
            }

            await owner.SetAsync(turn, who, ct);
            await turn.SendActivityAsync($"saved by {who}", ct);
        });

        var a = processA.SendAsync(AdapterHarness.Message("from A"), Bot(processA, "A"));
        await aHasRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var b = await processB.SendAsync(AdapterHarness.Message("from B"), Bot(processB, "B"));
        release.SetResult();
        var aResult = await a.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("saved by B", AdapterHarness.Replies(b).Single().Text);
        Assert.Equal(["saved by A", "Your message crossed with another one. Please send it again."], AdapterHarness.Replies(aResult).Select(r => r.Text));
        var stored = await new SqliteStorage(folder.File("shared.db")).ReadAsync(["webchat/conversations/conv-1"]);
        Assert.Equal("""{"owner":"B"}""", stored["webchat/conversations/conv-1"].Json);
    }

    [Theory]
    [InlineData("""{"profile":{"name":"Anna","language":"ru","phone":"+7900"}}""", "name", "Anna B.", "language", "en", """{"profile":{"name":"Anna B.","language":"en","phone":"+7900"}}""")]
    [InlineData("""{"profile":{"name":"Anna","language":"ru"}}""", "language", "en", "language", "de", """{"profile":{"name":"Anna","language":"de"}}""")]
    [InlineData("""{"profile":{"name":"Anna","language":"ru","phone":"+7900"}}""", "phone", null, "language", "en", """{"profile":{"name":"Anna","language":"en"}}""")]
    // The later turn removes a field the first one changed meanwhile: the change is kept.
    [InlineData("""{"profile":{"name":"Anna","phone":"+7900"}}""", "phone", "+7911", "phone", null, """{"profile":{"name":"Anna","phone":"+7911"}}""")]
    // The later turn removes a field nobody else touched: it is gone, and the first turn's change stays.
    [InlineData("""{"profile":{"name":"Anna","phone":"+7900"}}""", "name", "Anna B.", "phone", null, """{"profile":{"name":"Anna B."}}""")]
    // Each adds a field of its own: both are kept.
    [InlineData("""{"profile":{"name":"Anna"}}""", "city", "Москва", "language", "en", """{"profile":{"name":"Anna","city":"Москва","language":"en"}}""")]
    public async Task Two_conversations_of_one_user_writing_at_once_merge_field_by_field_and_the_later_writer_wins_a_tie(
        string stored, string firstField, string? firstValue, string laterField, string? laterValue, string expected)
    {
        using var folder = new TempFolder();
        var storage = new SqliteStorage(folder.File("shared.db"));
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["webchat/users/user-1"] = new(stored, null) });
        using var processA = new AdapterHarness(new SqliteStorage(folder.File("shared.db")));
        using var processB = new AdapterHarness(new SqliteStorage(folder.File("shared.db")));
        var release = new TaskCompletionSource();
        var laterHasRead = new TaskCompletionSource();
        IBot Bot(AdapterHarness h, string field, string? value, bool waits) => new DelegateBot(async (turn, ct) =>
        {
            var profile = (await h.UserState.CreateProperty<Dictionary<string, string>>("profile").GetAsync(turn, cancellationToken: ct))!;
            if (waits)
            {
                laterHasRead.SetResult();
                await release.Task;
            }

            if (value is null)
            {
                profile.Remove(field);
            }
            else
            {
                profile[field] = value;
            }

            await turn.SendActivityAsync("ok", ct);
        });

        var later = processA.SendAsync(AdapterHarness.Message("later", conversation: "tab-a"), Bot(processA, laterField, laterValue, waits: true));
        await laterHasRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var first = await processB.SendAsync(AdapterHarness.Message("first", conversation: "tab-b"), Bot(processB, firstField, firstValue, waits: false));
        release.SetResult();
        var laterResult = await later.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["ok"], AdapterHarness.Replies(first).Select(r => r.Text));
        Assert.Equal(["ok"], AdapterHarness.Replies(laterResult).Select(r => r.Text));
        var saved = (await storage.ReadAsync(["webchat/users/user-1"]))["webchat/users/user-1"].Json;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(saved)), saved);
    }
}
