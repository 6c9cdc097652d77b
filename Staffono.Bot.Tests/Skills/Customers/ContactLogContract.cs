using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Customers;

/// <summary>
/// What every <see cref="IContactLog"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the log over one shared set of data.
/// </summary>
public abstract class ContactLogContract : IDisposable
{
    /// <summary>Tuesday 2026-11-24 12:00 in Moscow.</summary>
    protected static readonly DateTimeOffset Noon = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly Lazy<IContactLog> _log;

    protected ContactLogContract() => _log = new Lazy<IContactLog>(() => OpenLog());

    private IContactLog Log => _log.Value;

    /// <summary>A log over this test's data; every call opens another instance over the same data.</summary>
    protected abstract IContactLog OpenLog();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public async Task When_a_customer_wrote_is_kept_to_the_tick_whatever_the_offset_and_another_instance_sees_it()
    {
        var inMoscow = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(3)).AddTicks(1234567);

        await Log.WroteAsync("telegram/anna", inMoscow);

        Assert.Equal(new Contact("telegram/anna", inMoscow, null), await Log.FindAsync("telegram/anna"));
        Assert.Equal(new Contact("telegram/anna", inMoscow, null), await OpenLog().FindAsync("telegram/anna"));
    }

    [Fact]
    public async Task A_customer_is_found_by_their_exact_key_only()
    {
        await Log.WroteAsync("webchat/dl_Anna", Noon);
        await Log.SetOptedOutAsync("webchat/dl_Boris", true, Noon);

        Assert.Null(await Log.FindAsync("webchat/dl_anna"));         // ids are case-sensitive: another person
        Assert.Null(await Log.FindAsync("webchat/dl_Ann"));
        Assert.Null(await Log.FindAsync("webchat/dl_Anna2"));
        Assert.Null(await Log.FindAsync("telegram/nobody"));
        Assert.Equal(new Contact("webchat/dl_Anna", Noon, null), await Log.FindAsync("webchat/dl_Anna"));
        Assert.Equal(new Contact("webchat/dl_Boris", null, Noon), await Log.FindAsync("webchat/dl_Boris"));
    }

    [Fact]
    public async Task The_last_message_time_never_moves_back()
    {
        await Log.WroteAsync("telegram/anna", Noon.AddHours(1));
        await Log.WroteAsync("telegram/anna", Noon);                 // a late arrival of an older message
        Assert.Equal(Noon.AddHours(1), (await Log.FindAsync("telegram/anna"))!.LastWrote);

        await OpenLog().WroteAsync("telegram/anna", Noon.AddMinutes(30));
        Assert.Equal(Noon.AddHours(1), (await Log.FindAsync("telegram/anna"))!.LastWrote);

        await Log.WroteAsync("telegram/anna", Noon.AddHours(3));
        Assert.Equal(Noon.AddHours(3), (await Log.FindAsync("telegram/anna"))!.LastWrote);
    }

    [Fact]
    public async Task A_chatty_customer_s_last_message_time_is_never_more_than_a_minute_behind()
    {
        // A message every 20 seconds for five minutes: the log may skip some, but not fall behind.
        for (var at = Noon; at <= Noon.AddMinutes(5); at += TimeSpan.FromSeconds(20))
        {
            await Log.WroteAsync("telegram/anna", at);

            var lastWrote = (await Log.FindAsync("telegram/anna"))!.LastWrote!.Value;
            Assert.InRange(lastWrote, at - TimeSpan.FromMinutes(1), at);
        }
    }

    [Fact]
    public async Task Opting_out_and_back_in_is_kept_with_its_time_and_leaves_the_last_message_alone()
    {
        await Log.WroteAsync("facebook/anna", Noon);

        await Log.SetOptedOutAsync("facebook/anna", true, Noon.AddMinutes(5));
        Assert.Equal(new Contact("facebook/anna", Noon, Noon.AddMinutes(5)), await Log.FindAsync("facebook/anna"));

        await Log.SetOptedOutAsync("facebook/anna", false, Noon.AddMinutes(10));
        Assert.Equal(new Contact("facebook/anna", Noon, null), await Log.FindAsync("facebook/anna"));
    }

    [Fact]
    public async Task Writing_again_does_not_undo_an_opt_out()
    {
        await Log.SetOptedOutAsync("telegram/anna", true, Noon);

        await Log.WroteAsync("telegram/anna", Noon.AddHours(1));
        await OpenLog().WroteAsync("telegram/anna", Noon.AddHours(2));

        Assert.Equal(new Contact("telegram/anna", Noon.AddHours(2), Noon), await Log.FindAsync("telegram/anna"));
    }

    [Fact]
    public async Task A_customer_who_opted_out_without_ever_writing_is_known_but_never_wrote()
    {
        await Log.SetOptedOutAsync("telegram/anna", true, Noon);
        Assert.Equal(new Contact("telegram/anna", null, Noon), await Log.FindAsync("telegram/anna"));

        await Log.SetOptedOutAsync("telegram/anna", false, Noon.AddMinutes(1));
        Assert.Equal(new Contact("telegram/anna", null, null), await Log.FindAsync("telegram/anna"));
    }

    [Fact]
    public async Task Writers_on_several_instances_at_once_lose_nothing()
    {
        using var start = new ManualResetEventSlim();
        // Messages two minutes apart, so only the latest is within a minute of itself.
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var log = OpenLog();
            start.Wait();
            await log.WroteAsync("telegram/anna", Noon.AddMinutes(2 * i));
            await log.WroteAsync($"telegram/guest-{i}", Noon.AddMinutes(i));
        })).Append(Task.Run(async () =>
        {
            var log = OpenLog();
            start.Wait();
            await log.SetOptedOutAsync("telegram/anna", true, Noon.AddSeconds(1));
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);

        Assert.Equal(new Contact("telegram/anna", Noon.AddMinutes(14), Noon.AddSeconds(1)), await Log.FindAsync("telegram/anna"));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(new Contact($"telegram/guest-{i}", Noon.AddMinutes(i), null), await Log.FindAsync($"telegram/guest-{i}"));
        }
    }
}
