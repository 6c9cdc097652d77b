using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.State;

/// <summary>The behaviour every <see cref="IStorage"/> must show; each implementation runs it by deriving from this class.</summary>
public abstract class StorageContract : IDisposable
{
    protected abstract IStorage Storage { get; }

    /// <summary>A second handle on the same data, as another process would have; the same instance where there is no such thing.</summary>
    protected abstract IStorage OtherProcess { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public async Task Create_then_read_returns_the_document_and_an_etag()
    {
        var etags = await Storage.WriteAsync(One("a", """{"n":1}""", null));

        var read = await Storage.ReadAsync(["a"]);

        Assert.Equal("""{"n":1}""", read["a"].Json);
        Assert.Equal(etags["a"], read["a"].ETag);
        Assert.False(string.IsNullOrEmpty(read["a"].ETag));
    }

    [Fact]
    public async Task Reading_a_missing_key_returns_nothing_for_it()
    {
        await Storage.WriteAsync(One("present", "{}", null));

        var read = await Storage.ReadAsync(["missing", "present"]);

        Assert.Equal(["present"], read.Keys);
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var first = (await Storage.WriteAsync(One("a", """{"n":1}""", null)))["a"];

        var second = (await Storage.WriteAsync(One("a", """{"n":2}""", first)))["a"];

        Assert.NotEqual(first, second);
        Assert.Equal("""{"n":2}""", (await Storage.ReadAsync(["a"]))["a"].Json);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_a_conflict_and_writes_nothing()
    {
        var stale = (await Storage.WriteAsync(One("a", """{"n":1}""", null)))["a"];
        await Storage.WriteAsync(One("a", """{"n":2}""", stale));

        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(One("a", """{"n":3}""", stale)));

        Assert.Equal("a", conflict.Key);
        Assert.Equal("""{"n":2}""", (await Storage.ReadAsync(["a"]))["a"].Json);
    }

    [Fact]
    public async Task Creating_a_key_that_already_exists_is_a_conflict()
    {
        await Storage.WriteAsync(One("a", """{"by":"first"}""", null));

        await Assert.ThrowsAsync<StorageConflictException>(() => OtherProcess.WriteAsync(One("a", """{"by":"second"}""", null)));

        Assert.Equal("""{"by":"first"}""", (await Storage.ReadAsync(["a"]))["a"].Json);
    }

    [Fact]
    public async Task Star_overwrites_whatever_is_stored_or_creates()
    {
        await Storage.WriteAsync(One("a", """{"n":1}""", null));

        await Storage.WriteAsync(One("a", """{"n":9}""", StoreItem.AnyETag));
        await Storage.WriteAsync(One("new", """{"n":7}""", StoreItem.AnyETag));

        var read = await Storage.ReadAsync(["a", "new"]);
        Assert.Equal("""{"n":9}""", read["a"].Json);
        Assert.Equal("""{"n":7}""", read["new"].Json);
    }

    [Fact]
    public async Task Delete_removes_the_key_and_deleting_a_missing_key_is_fine()
    {
        await Storage.WriteAsync(One("a", "{}", null));

        await Storage.DeleteAsync(["a", "never-existed"]);

        Assert.Empty(await Storage.ReadAsync(["a"]));
        await Storage.WriteAsync(One("a", """{"again":true}""", null));
        Assert.Equal("""{"again":true}""", (await Storage.ReadAsync(["a"]))["a"].Json);
    }

    [Fact]
    public async Task Many_keys_are_written_together_or_not_at_all()
    {
        var etags = await Storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["k1"] = new("""{"i":1}""", null),
            ["k2"] = new("""{"i":2}""", null),
            ["k3"] = new("""{"i":3}""", null),
        });
        Assert.Equal(3, etags.Count);

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["k1"] = new("""{"i":10}""", etags["k1"]),
            ["k2"] = new("""{"i":20}""", "stale"),
        }));

        var read = await Storage.ReadAsync(["k1", "k2", "k3"]);
        Assert.Equal(["""{"i":1}""", """{"i":2}""", """{"i":3}"""], read.OrderBy(p => p.Key).Select(p => p.Value.Json));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_key_exactly_one_wins_each_round()
    {
        const int writers = 8;
        const int rounds = 5;
        await Storage.WriteAsync(One("hot", """{"round":0}""", null));

        for (var round = 1; round <= rounds; round++)
        {
            var etag = (await Storage.ReadAsync(["hot"]))["hot"].ETag;
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
            {
                start.Wait();
                var storage = writer % 2 == 0 ? Storage : OtherProcess;
                try
                {
                    await storage.WriteAsync(One("hot", $$"""{"round":{{round}},"writer":{{writer}}}""", etag));
                    return writer;
                }
                catch (StorageConflictException)
                {
                    return -1;
                }
            })).ToList();
            start.Set();
            var winners = (await Task.WhenAll(attempts)).Where(w => w >= 0).ToList();

            Assert.Single(winners);
            Assert.Equal($$"""{"round":{{round}},"writer":{{winners[0]}}}""", (await Storage.ReadAsync(["hot"]))["hot"].Json);
        }
    }

    private static Dictionary<string, StoreItem> One(string key, string json, string? etag) => new() { [key] = new StoreItem(json, etag) };
}
