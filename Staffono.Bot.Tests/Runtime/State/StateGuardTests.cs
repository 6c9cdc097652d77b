using Staffono.Bot.Tests.Runtime.Adapter;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.State;

/// <summary>The edges of state and storage: programming errors are named, conflicts say what happened, the database file sets itself up.</summary>
public sealed class StateGuardTests
{
    [Fact]
    public async Task A_turn_without_the_ids_a_scope_is_keyed_by_is_an_error_that_names_the_scope()
    {
        using var harness = new AdapterHarness(new MemoryStorage());
        var activity = AdapterHarness.Message("hi");
        activity.From = null;
        var turn = new TurnContext(harness.Adapter, activity);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.UserState.LoadAsync(turn));

        Assert.Equal("user state needs a key, but the activity lacks the ids it is made of.", error.Message);
    }

    [Fact]
    public async Task A_missing_turn_is_a_programming_error_everywhere()
    {
        var state = new ConversationState(new MemoryStorage());

        Assert.Throws<ArgumentNullException>(() => state.IsLoaded(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => state.LoadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => state.SaveChangesAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => state.DeleteAsync(null!));
    }

    [Fact]
    public async Task Deleting_a_scope_forgets_what_this_turn_read_as_well_as_what_was_stored()
    {
        var storage = new MemoryStorage();
        using var harness = new AdapterHarness(storage);
        var turn = new TurnContext(harness.Adapter, AdapterHarness.Message("hi"));
        var name = harness.ConversationState.CreateProperty<string>("name");
        await name.SetAsync(turn, "Anna");
        await harness.ConversationState.SaveChangesAsync(turn);

        await harness.ConversationState.DeleteAsync(turn);

        Assert.False(harness.ConversationState.IsLoaded(turn));
        Assert.Null(await name.GetAsync(turn));
        Assert.Empty(await storage.ReadAsync(["webchat/conversations/conv-1"]));
    }

    [Fact]
    public async Task Clearing_a_scope_empties_it_for_the_turn_and_saves_the_empty_document()
    {
        var storage = new MemoryStorage();
        using var harness = new AdapterHarness(storage);
        var turn = new TurnContext(harness.Adapter, AdapterHarness.Message("hi"));
        var name = harness.ConversationState.CreateProperty<string>("name");
        await name.SetAsync(turn, "Anna");
        await harness.ConversationState.SaveChangesAsync(turn);

        await harness.ConversationState.ClearStateAsync(turn);
        await harness.ConversationState.SaveChangesAsync(turn);

        Assert.Null(await name.GetAsync(turn));
        Assert.Equal("{}", (await storage.ReadAsync(["webchat/conversations/conv-1"]))["webchat/conversations/conv-1"].Json);
    }

    [Fact]
    public void A_conflict_says_whether_the_document_was_created_or_changed_by_another_writer()
    {
        Assert.Equal("Storage conflict on 'k': it was created by another writer.", new StorageConflictException("k", null).Message);
        Assert.Equal("Storage conflict on 'k': it changed since it was read (expected ETag 'e1').", new StorageConflictException("k", "e1").Message);
    }

    [Theory]
    [InlineData(false, 1L)]
    [InlineData(true, 2L)]
    public async Task The_database_makes_its_folder_and_sets_each_writes_sync_level(bool flushEveryWrite, long synchronous)
    {
        using var folder = new TempFolder();
        var database = new SqliteDatabase(Path.Combine(folder.Path, "new", "folder", "state.db"), flushEveryWrite);

        Assert.Equal(synchronous, await SyncLevelOfWritesAsync(database));
        Assert.True(File.Exists(Path.Combine(folder.Path, "new", "folder", "state.db")));
        Assert.Throws<ArgumentException>(() => new SqliteDatabase(" "));
        await Assert.ThrowsAsync<ArgumentNullException>(() => database.WriteAsync<int>(null!, CancellationToken.None));
    }

    /// <summary>SQLite's synchronous level as a write of <paramref name="database"/> sees it (1 NORMAL, 2 FULL).</summary>
    internal static Task<long> SyncLevelOfWritesAsync(SqliteDatabase database) => database.WriteAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)(await command.ExecuteScalarAsync())!;
    }, CancellationToken.None);
}
