using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// What every <see cref="IIdentityLedger"/> guarantees: fewer failed checks than the attempts lock nothing;
/// that many on one order lock the order for the lock time after the last failure, from any conversation;
/// that many in one conversation lock the conversation, whatever order it tries next; old failures are
/// forgotten; and the contacts a conversation proved stay with that conversation alone. Each implementation
/// runs this suite through a subclass that says how to open the ledger over one set of data.
/// </summary>
public abstract class IdentityLedgerContract : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly IdentityRules Rules = new(false, 3, TimeSpan.FromMinutes(30));

    private readonly Lazy<IIdentityLedger> _ledger;

    protected IdentityLedgerContract() => _ledger = new Lazy<IIdentityLedger>(() => OpenLedger());

    private IIdentityLedger Ledger => _ledger.Value;

    /// <summary>A ledger over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IIdentityLedger OpenLedger();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public async Task Fewer_failures_than_the_attempts_lock_nothing()
    {
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At);
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(1));

        Assert.Null(await OpenLedger().LockedUntilAsync("A-10234", "webchat/guesser", Rules, At.AddMinutes(2)));
        Assert.Null(await Ledger.LockedUntilAsync("A-10234", "webchat/anna", Rules, At.AddMinutes(2)));
        Assert.Null(await Ledger.LockedUntilAsync(null, "webchat/guesser", Rules, At.AddMinutes(2)));
    }

    [Fact]
    public async Task Three_failures_on_an_order_lock_it_for_the_lock_time_after_the_last_from_any_conversation()
    {
        // Three conversations, one failure each: no conversation reaches the attempts, the order does.
        await Ledger.RecordFailureAsync("A-10234", "webchat/one", At);
        await Ledger.RecordFailureAsync("a-10234", "telegram/two", At.AddMinutes(1));
        await OpenLedger().RecordFailureAsync("A-10234", "webchat/three", At.AddMinutes(2));
        var lockEnd = At.AddMinutes(32);

        Assert.Equal(lockEnd, await Ledger.LockedUntilAsync("A-10234", "webchat/anna", Rules, At.AddMinutes(3)));
        Assert.Equal(lockEnd, await OpenLedger().LockedUntilAsync("a-10234", "webchat/one", Rules, At.AddMinutes(3)));
        Assert.Null(await Ledger.LockedUntilAsync("A-10235", "webchat/anna", Rules, At.AddMinutes(3)));
        Assert.Null(await Ledger.LockedUntilAsync("A-10234", "webchat/anna", Rules, lockEnd));
    }

    [Fact]
    public async Task An_order_lock_lasts_until_the_very_end_it_announced()
    {
        await Ledger.RecordFailureAsync("A-10234", "webchat/one", At);
        await Ledger.RecordFailureAsync("A-10234", "webchat/two", At.AddMinutes(1));
        await Ledger.RecordFailureAsync("A-10234", "webchat/three", At.AddMinutes(2));
        var lockEnd = At.AddMinutes(32);

        // The first failure is more than the lock time old by now, but the lock runs from the last one.
        Assert.Equal(lockEnd, await Ledger.LockedUntilAsync("A-10234", "webchat/anna", Rules, lockEnd.AddMinutes(-1)));
    }

    [Fact]
    public async Task Three_failures_in_one_conversation_lock_it_for_any_order_but_not_other_conversations()
    {
        await Ledger.RecordFailureAsync("A-1", "webchat/guesser", At);
        await Ledger.RecordFailureAsync("A-2", "webchat/guesser", At.AddMinutes(1));
        await Ledger.RecordFailureAsync(null, "webchat/guesser", At.AddMinutes(2));   // a number that is no order at all
        var lockEnd = At.AddMinutes(32);

        var reopened = OpenLedger();
        Assert.Equal(lockEnd, await reopened.LockedUntilAsync("A-3", "webchat/guesser", Rules, At.AddMinutes(3)));
        Assert.Equal(lockEnd, await reopened.LockedUntilAsync(null, "webchat/guesser", Rules, At.AddMinutes(3)));
        Assert.Null(await reopened.LockedUntilAsync("A-1", "webchat/anna", Rules, At.AddMinutes(3)));
        Assert.Null(await reopened.LockedUntilAsync("A-3", "webchat/anna", Rules, At.AddMinutes(3)));
    }

    [Fact]
    public async Task Failures_older_than_the_lock_time_are_forgotten()
    {
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At);
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(1));
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(45));

        Assert.Null(await Ledger.LockedUntilAsync("A-10234", "webchat/guesser", Rules, At.AddMinutes(46)));

        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(47));
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(48));

        Assert.Equal(At.AddMinutes(78), await Ledger.LockedUntilAsync("A-10234", "webchat/guesser", Rules, At.AddMinutes(49)));
    }

    [Fact]
    public async Task More_attempts_allowed_means_no_lock_at_three()
    {
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At);
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(1));
        await Ledger.RecordFailureAsync("A-10234", "webchat/guesser", At.AddMinutes(2));
        var lenient = Rules with { Attempts = 5, LockFor = TimeSpan.FromMinutes(10) };

        Assert.Null(await Ledger.LockedUntilAsync("A-10234", "webchat/guesser", lenient, At.AddMinutes(3)));
        Assert.Equal(At.AddMinutes(12), await Ledger.LockedUntilAsync("A-10234", "webchat/guesser", Rules with { LockFor = TimeSpan.FromMinutes(10) }, At.AddMinutes(3)));
    }

    [Fact]
    public async Task Verified_contacts_are_remembered_per_conversation_and_not_shared()
    {
        await Ledger.RememberVerifiedAsync("webchat/anna", "phone:9161234567", At);
        await Ledger.RememberVerifiedAsync("webchat/anna", "email:anna@example.com", At.AddMinutes(1));
        await OpenLedger().RememberVerifiedAsync("webchat/anna", "phone:9161234567", At.AddMinutes(2));
        await Ledger.RememberVerifiedAsync("telegram/boris", "phone:9260001122", At.AddMinutes(3));

        var reopened = OpenLedger();
        Assert.Equal(["phone:9161234567", "email:anna@example.com"], await reopened.VerifiedContactsAsync("webchat/anna"));
        Assert.Equal(["phone:9260001122"], await reopened.VerifiedContactsAsync("telegram/boris"));
        Assert.Empty(await reopened.VerifiedContactsAsync("webchat/stranger"));
        Assert.Empty(await reopened.VerifiedContactsAsync("webchat/"));
    }
}
