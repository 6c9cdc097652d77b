using System.Text.Json;
using Staffono.Bot.DirectLine;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Bot.DirectLineUnits;

/// <summary>
/// What every <see cref="IDirectLineStore"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the store over one shared set of data.
/// </summary>
public abstract class DirectLineStoreContract : IDisposable
{
    private readonly Lazy<IDirectLineStore> _store;

    protected DirectLineStoreContract() => _store = new Lazy<IDirectLineStore>(() => OpenStore());

    private IDirectLineStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IDirectLineStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>A page as the test reads it: ids, texts and sizes of its activities, in order.</summary>
    private sealed record Page(FeedStatus Status, long Watermark, IReadOnlyList<string?> Ids, IReadOnlyList<string?> Texts, IReadOnlyList<int> Sizes);

    private async Task<Page> ReadAsync(string conversationId, long watermark, IDirectLineStore? store = null)
    {
        using var page = await (store ?? Store).ReadPageAsync(conversationId, watermark, CancellationToken.None);
        var (ids, texts) = (new List<string?>(), new List<string?>());
        foreach (var activity in page.Activities)
        {
            using var json = JsonDocument.Parse(activity.AsMemory());
            ids.Add(json.RootElement.GetProperty("id").GetString());
            texts.Add(json.RootElement.TryGetProperty("text", out var text) ? text.GetString() : null);
        }

        return new Page(page.Status, page.Watermark, ids, texts, page.Activities.Select(a => a.Count).ToList());
    }

    /// <summary>Every page from <paramref name="watermark"/> on, following the watermark until a page is empty.</summary>
    private async Task<List<Page>> ReadAllAsync(string conversationId, long watermark = 0)
    {
        var pages = new List<Page>();
        while (await ReadAsync(conversationId, watermark) is { Ids.Count: > 0 } page)
        {
            pages.Add(page);
            watermark = page.Watermark;
        }

        return pages;
    }

    private Task<string> AppendAsync(string conversationId, string text) => Store.AppendAsync(conversationId, Activity.CreateMessage(text), CancellationToken.None);

    [Fact]
    public async Task A_new_conversation_has_an_empty_feed_and_creating_it_again_changes_nothing()
    {
        Assert.True(await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None));
        Assert.True(await Store.ConversationExistsAsync("c1", CancellationToken.None));
        Assert.Equal(0, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
        var empty = await ReadAsync("c1", 0);
        Assert.Equal((FeedStatus.Ok, 0L, 0), (empty.Status, empty.Watermark, empty.Ids.Count));

        await AppendAsync("c1", "привет");
        Assert.False(await OpenStore().CreateConversationAsync("c1", "dl_mallory", CancellationToken.None));

        Assert.Equal(1, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
        Assert.Equal(["привет"], (await ReadAsync("c1", 0)).Texts);
    }

    [Fact]
    public async Task A_conversation_that_was_never_created_is_unknown_everywhere_and_takes_no_activities()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);

        Assert.False(await Store.ConversationExistsAsync("c2", CancellationToken.None));
        Assert.Null(await Store.IssuedWatermarkAsync("c2", CancellationToken.None));
        Assert.Equal(FeedStatus.UnknownConversation, (await ReadAsync("c2", 0)).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync("c2", Activity.CreateMessage("x"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.TryAppendAsync("c2", Activity.CreateMessage("x"), long.MaxValue, CancellationToken.None));
        Assert.False(await Store.ConversationExistsAsync("c2", CancellationToken.None));
        Assert.Equal(0, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task Activities_are_numbered_in_order_per_conversation_and_come_back_as_appended()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        await Store.CreateConversationAsync("c2", "dl_boris", CancellationToken.None);
        var first = Activity.CreateMessage("Здравствуйте 👋");

        var ids = new[]
        {
            await Store.AppendAsync("c1", first, CancellationToken.None),
            await AppendAsync("c2", "elsewhere"),
            await AppendAsync("c1", "second"),
            (await OpenStore().TryAppendAsync("c1", Activity.CreateMessage("third"), long.MaxValue, CancellationToken.None))!,
        };

        Assert.Equal(["c1|0000001", "c2|0000001", "c1|0000002", "c1|0000003"], ids);
        Assert.Equal("c1|0000001", first.Id);
        Assert.Equal(3, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
        var all = await ReadAsync("c1", 0, OpenStore());
        Assert.Equal((FeedStatus.Ok, 3L), (all.Status, all.Watermark));
        Assert.Equal(["c1|0000001", "c1|0000002", "c1|0000003"], all.Ids);
        Assert.Equal(["Здравствуйте 👋", "second", "third"], all.Texts);
        var rest = await ReadAsync("c1", 2);
        Assert.Equal((3L, "third"), (rest.Watermark, Assert.Single(rest.Texts)));
        var none = await ReadAsync("c1", 3);
        Assert.Equal((3L, 0), (none.Watermark, none.Ids.Count));
        Assert.Equal(["elsewhere"], (await ReadAsync("c2", 0)).Texts);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(long.MaxValue)]
    public async Task A_watermark_the_conversation_never_issued_is_refused(long watermark)
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        await AppendAsync("c1", "one");
        await AppendAsync("c1", "two");

        Assert.Equal(FeedStatus.WatermarkNotIssued, (await ReadAsync("c1", watermark)).Status);
        Assert.Equal(FeedStatus.Ok, (await ReadAsync("c1", 2)).Status);
    }

    [Fact]
    public async Task Pages_hold_at_most_the_page_count_and_following_the_watermark_reads_everything_once()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        var count = (2 * IDirectLineStore.MaxPageActivities) + 5;
        for (var i = 1; i <= count; i++)
        {
            await AppendAsync("c1", $"m{i}");
        }

        var pages = await ReadAllAsync("c1");

        Assert.Equal([IDirectLineStore.MaxPageActivities, IDirectLineStore.MaxPageActivities, 5], pages.Select(p => p.Ids.Count));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"m{i}"), pages.SelectMany(p => p.Texts));
        Assert.Equal([(long)IDirectLineStore.MaxPageActivities, 2L * IDirectLineStore.MaxPageActivities, count], pages.Select(p => p.Watermark));
    }

    [Fact]
    public async Task A_page_stops_short_of_the_byte_limit_but_always_holds_one_activity()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        var tenth = IDirectLineStore.MaxPageBytes / 10;
        foreach (var length in new[] { 4 * tenth, 4 * tenth, 4 * tenth, 12 * tenth, 10 })
        {
            await AppendAsync("c1", new string('x', length));
        }

        var pages = await ReadAllAsync("c1");

        // Two of 40 % fit, a third would not; the 120 % one comes alone; the small one does not join it.
        Assert.Equal([2, 1, 1, 1], pages.Select(p => p.Ids.Count));
        Assert.Equal([2L, 3, 4, 5], pages.Select(p => p.Watermark));
        Assert.True(pages[0].Sizes.Sum() <= IDirectLineStore.MaxPageBytes);
        Assert.True(pages[2].Sizes.Single() > IDirectLineStore.MaxPageBytes);
    }

    [Fact]
    public async Task Deleted_activities_leave_gaps_the_watermark_steps_over_and_their_numbers_are_never_given_again()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        await Store.CreateConversationAsync("c2", "dl_boris", CancellationToken.None);
        var one = await AppendAsync("c1", "one");
        var two = await AppendAsync("c1", "two");
        var three = await AppendAsync("c1", "three");
        await AppendAsync("c2", "elsewhere");

        await Store.DeleteAsync("c1", two, CancellationToken.None);
        await OpenStore().DeleteAsync("c1", three, CancellationToken.None);
        await Store.DeleteAsync("c2", one, CancellationToken.None);              // c2 has no such activity
        await Store.DeleteAsync("c1", "c1|0000042", CancellationToken.None);     // nor has c1

        var left = await ReadAsync("c1", 0);
        Assert.Equal((1L, one, "one"), (left.Watermark, Assert.Single(left.Ids), left.Texts[0]));
        var gap = await ReadAsync("c1", 1);
        Assert.Equal((FeedStatus.Ok, 3L, 0), (gap.Status, gap.Watermark, gap.Ids.Count));
        Assert.Equal(["elsewhere"], (await ReadAsync("c2", 0)).Texts);
        Assert.Equal("c1|0000004", await AppendAsync("c1", "four"));
        Assert.Equal(["four"], (await ReadAsync("c1", 1)).Texts);
    }

    [Fact]
    public async Task Replacing_an_activity_keeps_its_id_and_place_and_an_activity_that_is_not_there_is_not_replaced()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        await Store.CreateConversationAsync("c2", "dl_boris", CancellationToken.None);
        await AppendAsync("c1", "first draft");
        var second = await AppendAsync("c1", "second");
        var edit = Activity.CreateMessage("final text");
        edit.Id = "c1|0000001";

        Assert.True(await OpenStore().ReplaceAsync("c1", edit, CancellationToken.None));
        var missing = Activity.CreateMessage("x");
        missing.Id = "c1|9999999";
        Assert.False(await Store.ReplaceAsync("c1", missing, CancellationToken.None));
        var stranger = Activity.CreateMessage("hijacked");
        stranger.Id = second;
        Assert.False(await Store.ReplaceAsync("c2", stranger, CancellationToken.None));

        var feed = await ReadAsync("c1", 0);
        Assert.Equal(["c1|0000001", second], feed.Ids);
        Assert.Equal(["final text", "second"], feed.Texts);
        Assert.Empty((await ReadAsync("c2", 0)).Ids);
        Assert.Equal(2, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task What_a_customer_may_add_is_capped_to_the_byte_by_everything_appended_and_deleting_gives_nothing_back()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        await AppendAsync("c1", "Здравствуйте! Чем помочь?");                   // the bot's greeting counts too
        Assert.NotNull(await Store.TryAppendAsync("c1", Activity.CreateMessage(new string('a', 1000)), long.MaxValue, CancellationToken.None));
        var sizes = (await ReadAsync("c1", 0)).Sizes;
        var full = sizes[0] + (2L * sizes[1]);                                   // room for exactly one more post of the same size

        Assert.Null(await Store.TryAppendAsync("c1", Activity.CreateMessage(new string('b', 1000)), full - 1, CancellationToken.None));
        Assert.Equal(2, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
        var accepted = await OpenStore().TryAppendAsync("c1", Activity.CreateMessage(new string('b', 1000)), full, CancellationToken.None);
        Assert.Equal("c1|0000003", accepted);

        await Store.DeleteAsync("c1", accepted!, CancellationToken.None);
        Assert.Null(await Store.TryAppendAsync("c1", Activity.CreateMessage("c"), full, CancellationToken.None));
        Assert.Equal(2, (await ReadAsync("c1", 0)).Ids.Count);
    }

    [Fact]
    public async Task Appenders_on_several_instances_at_once_each_get_their_own_next_number()
    {
        await Store.CreateConversationAsync("c1", "dl_anna", CancellationToken.None);
        using var start = new ManualResetEventSlim();
        var appenders = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            var mine = new List<string>();
            start.Wait();
            for (var n = 0; n < 5; n++)
            {
                mine.Add(n % 2 == 0
                    ? await store.AppendAsync("c1", Activity.CreateMessage($"{i}/{n}"), CancellationToken.None)
                    : (await store.TryAppendAsync("c1", Activity.CreateMessage($"{i}/{n}"), long.MaxValue, CancellationToken.None))!);
            }

            return mine;
        })).ToList();
        start.Set();
        var ids = (await Task.WhenAll(appenders)).SelectMany(m => m).ToList();

        var expected = Enumerable.Range(1, 40).Select(n => $"c1|{n:D7}").ToList();
        Assert.Equal(expected, ids.Order(StringComparer.Ordinal));
        var feed = (await ReadAllAsync("c1")).SelectMany(p => p.Ids.Zip(p.Texts)).ToList();
        Assert.Equal(expected, feed.Select(a => a.First));
        for (var i = 0; i < 8; i++)
        {
            // Each appender's activities in the order it appended them.
            Assert.Equal(Enumerable.Range(0, 5).Select(n => $"{i}/{n}"), feed.Select(a => a.Second).Where(t => t!.StartsWith($"{i}/", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Instances_creating_one_conversation_at_once_create_it_once()
    {
        using var start = new ManualResetEventSlim();
        var creators = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.CreateConversationAsync("c1", $"dl_{i}", CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Single(await Task.WhenAll(creators), created => created);
        Assert.Equal(0, await Store.IssuedWatermarkAsync("c1", CancellationToken.None));
    }
}
