using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Handoff;

/// <summary>
/// What every <see cref="IHandoffStore"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the store over one shared set of data.
/// </summary>
public abstract class HandoffStoreContract : IDisposable
{
    private readonly Lazy<IHandoffStore> _store;

    protected HandoffStoreContract() => _store = new Lazy<IHandoffStore>(() => OpenStore());

    private IHandoffStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IHandoffStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static HandoffRecord Request(string conversation, string reason) => new(
        "ignored", conversation, "{\"conversation\":{\"id\":\"c\"}}", "webchat/u1", "Анна", "ru", "booking", reason,
        new Dictionary<string, string> { ["service"] = "Стрижка", ["wanted"] = "2026-11-27" },
        [new TranscriptLine(true, "Срочно 🙏", DateTimeOffset.UnixEpoch), new TranscriptLine(false, "Передал", DateTimeOffset.UnixEpoch.AddSeconds(1))],
        new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Requests_get_short_numbered_ids_and_come_back_whole_after_a_restart()
    {
        var first = await OpenStore().CreateAsync(Request("webchat/a", "urgent"));
        var second = await OpenStore().CreateAsync(Request("webchat/b", "vip"));

        Assert.Equal(("H-1", "H-2"), (first.Id, second.Id));
        var reopened = OpenStore();
        var found = await reopened.FindAsync("H-1");
        Assert.NotNull(found);
        Assert.Equal(Request("webchat/a", "urgent") with { Id = "H-1", Fields = found.Fields, Transcript = found.Transcript }, found);
        Assert.Equal(Request("x", "y").Fields, found.Fields);
        Assert.Equal(Request("x", "y").Transcript, found.Transcript);
        Assert.Equal(["vip"], (await reopened.OfConversationAsync("webchat/b")).Select(r => r.Reason));
    }

    [Theory]
    [InlineData("H-3")]
    [InlineData("H-")]
    [InlineData("H--1")]
    [InlineData("h-1")]
    [InlineData("1")]
    [InlineData("")]
    public async Task An_id_that_names_no_request_finds_nothing(string id)
    {
        await Store.CreateAsync(Request("webchat/a", "urgent"));

        Assert.Null(await Store.FindAsync(id));
    }

    [Fact]
    public async Task A_request_with_nothing_collected_comes_back_empty_not_missing()
    {
        var bare = Request("telegram/t", "no reason given") with { CustomerName = null, Language = "en", Fields = new Dictionary<string, string>(), Transcript = [] };

        var stored = await Store.CreateAsync(bare);
        var found = (await OpenStore().FindAsync(stored.Id))!;

        Assert.Equal(bare with { Id = stored.Id, Fields = found.Fields, Transcript = found.Transcript }, found);
        Assert.Empty(found.Fields);
        Assert.Empty(found.Transcript);
    }

    [Fact]
    public async Task A_conversation_s_requests_come_oldest_first_and_only_its_own()
    {
        await Store.CreateAsync(Request("webchat/a", "first"));
        await Store.CreateAsync(Request("webchat/ab", "elsewhere"));
        await OpenStore().CreateAsync(Request("webchat/a", "second"));
        await Store.CreateAsync(Request("webchat/a", "third"));

        Assert.Equal([("H-1", "first"), ("H-3", "second"), ("H-4", "third")], (await Store.OfConversationAsync("webchat/a")).Select(r => (r.Id, r.Reason)));
        Assert.Empty(await Store.OfConversationAsync("webchat/"));
        Assert.Empty(await Store.OfConversationAsync("webchat/nobody"));
    }

    [Fact]
    public async Task Requests_stored_on_several_instances_at_once_each_get_their_own_next_number()
    {
        using var start = new ManualResetEventSlim();
        var creators = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.CreateAsync(Request($"webchat/c{i}", $"reason {i}"));
        })).ToList();
        start.Set();
        var created = await Task.WhenAll(creators);

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"H-{n}"), created.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (var request in created)
        {
            Assert.Equal(request.Reason, (await Store.FindAsync(request.Id))!.Reason);
        }
    }
}
