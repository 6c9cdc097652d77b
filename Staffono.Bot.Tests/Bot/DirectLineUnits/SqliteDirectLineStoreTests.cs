using Microsoft.Data.Sqlite;
using Staffono.Bot.DirectLine;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Bot.DirectLineUnits;

public sealed class SqliteDirectLineStoreTests : DirectLineStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IDirectLineStore OpenStore() => new DirectLineStore(new SqliteDatabase(_folder.File("directline.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task A_file_from_before_the_history_cap_keeps_its_feeds_and_its_conversations_start_counting_at_zero()
    {
        var path = _folder.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The tables as the release before the cap made them, with one conversation of two activities.
            command.CommandText = """
                CREATE TABLE directline_conversations (id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL, next_seq INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE directline_activities (
                    conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
                    PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
                INSERT INTO directline_conversations VALUES ('old', 'dl_anna', 3);
                INSERT INTO directline_activities VALUES ('old', 1, 'old|0000001', '{"type":"message","id":"old|0000001","text":"one"}');
                INSERT INTO directline_activities VALUES ('old', 2, 'old|0000002', '{"type":"message","id":"old|0000002","text":"two"}');
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new DirectLineStore(new SqliteDatabase(path));
        var post = Activity.CreateMessage("three");
        var size = System.Text.Encoding.UTF8.GetByteCount(ProtocolJson.Serialize(new Activity { Type = ActivityTypes.Message, Id = "old|0000003", Text = "three", TextFormat = TextFormats.Plain }));

        // The two old activities count for nothing: exactly the new post's size is room enough.
        Assert.Null(await store.TryAppendAsync("old", Activity.CreateMessage("three"), size - 1, CancellationToken.None));
        Assert.Equal("old|0000003", await store.TryAppendAsync("old", post, size, CancellationToken.None));
        using var page = await new DirectLineStore(new SqliteDatabase(path)).ReadPageAsync("old", 0, CancellationToken.None);
        Assert.Equal((3, 3L), (page.Activities.Count, page.Watermark));
    }
}
