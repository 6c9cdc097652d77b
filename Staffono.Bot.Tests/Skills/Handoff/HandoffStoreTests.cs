using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Handoff;

public sealed class HandoffStoreTests
{
    private static HandoffRecord Request(string conversation, string reason) => new(
        "ignored", conversation, "{\"conversation\":{\"id\":\"c\"}}", "webchat/u1", "Анна", "ru", "booking", reason,
        new Dictionary<string, string> { ["service"] = "Стрижка", ["wanted"] = "2026-11-27" },
        [new TranscriptLine(true, "Срочно 🙏", DateTimeOffset.UnixEpoch), new TranscriptLine(false, "Передал", DateTimeOffset.UnixEpoch.AddSeconds(1))],
        new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Requests_get_short_numbered_ids_and_come_back_whole_after_a_restart()
    {
        using var folder = new TempFolder();
        var first = await new SqliteHandoffStore(SharedSqliteFile.At(folder.File("s.db"))).CreateAsync(Request("webchat/a", "urgent"));
        var second = await new SqliteHandoffStore(SharedSqliteFile.At(folder.File("s.db"))).CreateAsync(Request("webchat/b", "vip"));

        Assert.Equal(("H-1", "H-2"), (first.Id, second.Id));
        var reopened = new SqliteHandoffStore(SharedSqliteFile.At(folder.File("s.db")));
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
        using var folder = new TempFolder();
        var store = new SqliteHandoffStore(SharedSqliteFile.At(folder.File("s.db")));
        await store.CreateAsync(Request("webchat/a", "urgent"));

        Assert.Null(await store.FindAsync(id));
    }
}
