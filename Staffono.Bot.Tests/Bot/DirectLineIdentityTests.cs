using Staffono.Skills.Customers;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// Who a Direct Line client is. Without a secret the service names every user and hands the browser a
/// signed credential to prove it later; with a secret, the secret holder vouches for the id it names.
/// Either way, knowing a customer's id is not enough to speak as that customer.
/// </summary>
public sealed class DirectLineIdentityTests : IAsyncLifetime
{
    private const string Secret = "shop-token-server-secret-0123456789";

    // Tuesday 2026-11-24 10:30 in Moscow: the demo salon on Tverskaya has 11:00 tomorrow.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private RunningHost _host = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");
        _client = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_a_secret_the_service_names_the_user_and_the_credential_brings_the_same_user_back()
    {
        var (status, first) = await _client.GenerateAsync(bearer: null, userId: null);
        Assert.Equal(HttpStatusCode.OK, status);
        var userId = first.GetProperty("userId").GetString()!;
        var credential = first.GetProperty("userCredential").GetString()!;
        Assert.Matches("^dl_[0-9a-f]{20}$", userId);

        var conversation = first.GetProperty("conversationId").GetString()!;
        var token = first.GetProperty("token").GetString()!;
        await _client.StartAsync(token);
        await _client.PostAsync(conversation, token, "привет", "c1");
        Assert.Equal(userId, (await FeedAsync(conversation, token)).First(a => a.Text == "привет").From);

        var (again, second) = await _client.GenerateAsync(credential, userId: null);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(userId, second.GetProperty("userId").GetString());
        Assert.NotEqual(conversation, second.GetProperty("conversationId").GetString());

        // Naming one's own id together with the credential for it is fine too.
        var (named, _) = await _client.GenerateAsync(credential, userId);
        Assert.Equal(HttpStatusCode.OK, named);

        var (refreshed, renewed) = await _client.RefreshAsync(token);
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(userId, renewed.GetProperty("userId").GetString());
        var (withRenewed, third) = await _client.GenerateAsync(renewed.GetProperty("userCredential").GetString(), userId: null);
        Assert.Equal((HttpStatusCode.OK, userId), (withRenewed, third.GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task Without_a_secret_nobody_gets_an_identity_by_naming_it_or_by_showing_the_wrong_proof()
    {
        var (_, victim) = await _client.GenerateAsync(bearer: null, userId: null);
        var victimId = victim.GetProperty("userId").GetString()!;
        var victimToken = victim.GetProperty("token").GetString()!;
        var (_, attacker) = await _client.GenerateAsync(bearer: null, userId: null);
        var attackerCredential = attacker.GetProperty("userCredential").GetString()!;

        var (namedOnly, namedBody) = await _client.GenerateAsync(bearer: null, victimId);
        var (namedWithOwnProof, _) = await _client.GenerateAsync(attackerCredential, victimId);
        var (tokenAsProof, tokenBody) = await _client.GenerateAsync(victimToken, userId: null);
        var (forged, _) = await _client.GenerateAsync(Tamper(attackerCredential), userId: null);

        Assert.Equal(HttpStatusCode.Forbidden, namedOnly);
        Assert.Equal("Identity refused", namedBody.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, namedWithOwnProof);
        Assert.Equal(HttpStatusCode.Forbidden, tokenAsProof);
        Assert.Equal("This is not a user credential of this service.", tokenBody.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forged);

        // ...and a credential opens no conversation: it proves who, not where.
        var (startWithCredential, _) = await _client.StartAsync(attackerCredential);
        var (refreshWithCredential, _) = await _client.RefreshAsync(attackerCredential);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (startWithCredential, refreshWithCredential));
    }

    [Fact]
    public async Task A_customer_who_learns_anothers_id_cannot_see_or_cancel_their_booking()
    {
        var (_, victim) = await _client.GenerateAsync(bearer: null, userId: null);
        var victimId = victim.GetProperty("userId").GetString()!;
        var (victimConversation, victimToken) = (victim.GetProperty("conversationId").GetString()!, victim.GetProperty("token").GetString()!);
        await _client.StartAsync(victimToken);
        await _client.SayAsync(victimConversation, victimToken, "Можно завтра в 11 на стрижку на Тверской?", "в 11:00", "да");
        Assert.Contains(await FeedAsync(victimConversation, victimToken), a => a.Text.StartsWith("Готово! Вы записаны на завтра в 11:00.", StringComparison.Ordinal));

        // The attacker knows the id (from a shared screen, a log, a URL) and tries to become that customer.
        var (takeover, _) = await _client.GenerateAsync(bearer: null, victimId);
        Assert.Equal(HttpStatusCode.Forbidden, takeover);

        // The attacker's own conversation, claiming the victim's id in the activity itself, acts as the attacker.
        var (attackerConversation, attackerToken) = await _client.GenerateTokenAsync();
        await _client.StartAsync(attackerToken);
        await _client.PostAsync(attackerConversation, attackerToken, "отмените мою запись", "a1", fromId: victimId);
        var attackerFeed = await FeedAsync(attackerConversation, attackerToken);
        Assert.Contains(attackerFeed, a => a.Text == "У вас нет предстоящих записей. Записать вас?");
        Assert.DoesNotContain(attackerFeed, a => a.Text.Contains("Стрижка", StringComparison.Ordinal));

        var calendar = _host.Services.GetRequiredService<ICalendarStore>();
        var victimCustomer = new Customer($"webchat/{victimId}", null, null);
        Assert.Single(await calendar.BookingsOfAsync(victimCustomer, _clock.GetUtcNow().UtcDateTime));

        // The victim, back with the credential in a new conversation, still has the booking and may cancel it.
        var (_, back) = await _client.GenerateAsync(victim.GetProperty("userCredential").GetString(), userId: null);
        var (backConversation, backToken) = (back.GetProperty("conversationId").GetString()!, back.GetProperty("token").GetString()!);
        await _client.StartAsync(backToken);
        await _client.PostAsync(backConversation, backToken, "отмените мою запись", "b1");
        Assert.Contains(await FeedAsync(backConversation, backToken), a => a.Text.StartsWith("Отменить запись: Стрижка", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_credential_is_refused_with_the_reason_and_a_new_identity_is_still_available()
    {
        var (_, issued) = await _client.GenerateAsync(bearer: null, userId: null);
        _clock.Advance(TimeSpan.FromDays(180) + TimeSpan.FromSeconds(1));

        var (expired, body) = await _client.GenerateAsync(issued.GetProperty("userCredential").GetString(), userId: null);
        var (fresh, freshBody) = await _client.GenerateAsync(bearer: null, userId: null);

        Assert.Equal(HttpStatusCode.Forbidden, expired);
        Assert.Contains("expired", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.NotEqual(issued.GetProperty("userId").GetString(), freshBody.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task With_a_secret_only_the_secret_holder_starts_conversations_and_it_vouches_for_the_user_id()
    {
        await using var host = await RunningHost.StartAsync($"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(host.Client);

        var (noSecret, refused) = await client.GenerateAsync(bearer: null, userId: null);
        var (wrongSecret, _) = await client.GenerateAsync(Secret + "x", userId: null);
        var (startAnonymously, _) = await client.StartAsync(token: null);
        var (startWrongSecret, _) = await client.StartAsync("not-the-secret");
        Assert.Equal(HttpStatusCode.Forbidden, noSecret);
        Assert.Equal("Secret required", refused.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, startAnonymously);
        Assert.Equal(HttpStatusCode.Forbidden, startWrongSecret);

        // The shop's token server names its own customer; no user credential is handed out (the shop keeps identities).
        var (generated, grant) = await client.GenerateAsync(Secret, "shop-customer-42");
        Assert.Equal(HttpStatusCode.OK, generated);
        Assert.False(grant.TryGetProperty("userCredential", out _));
        var (conversation, token) = (grant.GetProperty("conversationId").GetString()!, grant.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.Created, (await client.StartAsync(token)).Status);
        await client.PostAsync(conversation, token, "hello", "s1", "en-US");
        Assert.Equal("shop-customer-42", (await FeedAsync(client, conversation, token)).First(a => a.Text == "hello").From);

        // Starting a conversation with the secret directly also takes the named user.
        var (started, direct) = await client.StartAsync(Secret, "en-US", userId: "shop-customer-7");
        Assert.Equal(HttpStatusCode.Created, started);
        var (directConversation, directToken) = (direct.GetProperty("conversationId").GetString()!, direct.GetProperty("token").GetString()!);
        await client.PostAsync(directConversation, directToken, "hi there", "s2", "en-US");
        Assert.Equal("shop-customer-7", (await FeedAsync(client, directConversation, directToken)).First(a => a.Text == "hi there").From);
    }

    [Fact]
    public async Task A_configured_signing_key_makes_tokens_valid_on_every_instance_that_shares_it_and_only_there()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var otherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
        await using var issuer = await RunningHost.StartAsync($"--DirectLine:TokenSigningKey={key}");
        await using var twin = await RunningHost.StartAsync($"--DirectLine:TokenSigningKey={key}");
        await using var stranger = await RunningHost.StartAsync($"--DirectLine:TokenSigningKey={otherKey}");

        var (_, token) = await new DirectLineClient(issuer.Client).GenerateTokenAsync();

        Assert.Equal(HttpStatusCode.OK, (await new DirectLineClient(twin.Client).RefreshAsync(token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await new DirectLineClient(stranger.Client).RefreshAsync(token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.RefreshAsync(token)).Status);
    }

    private Task<List<(string From, string Text)>> FeedAsync(string conversationId, string token) => FeedAsync(_client, conversationId, token);

    private static async Task<List<(string From, string Text)>> FeedAsync(DirectLineClient client, string conversationId, string token)
    {
        var (status, body) = await client.GetActivitiesAsync(conversationId, token);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("activities").EnumerateArray()
            .Where(a => a.TryGetProperty("text", out _))
            .Select(a => (a.GetProperty("from").GetProperty("id").GetString()!, a.GetProperty("text").GetString()!))
            .ToList();
    }

    /// <summary>The same credential with one signature character changed.</summary>
    private static string Tamper(string credential) =>
        credential[..^2] + (credential[^2] == 'A' ? 'B' : 'A') + credential[^1];
}
