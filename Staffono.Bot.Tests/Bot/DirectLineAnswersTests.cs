using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>Every refusal of the local Direct Line says exactly what went wrong and what to do.</summary>
public sealed class DirectLineAnswersTests : IAsyncLifetime
{
    private RunningHost _host = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync("--Outbox:Dispatch=false");
        _client = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Refusals_name_the_problem_and_the_fix()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        var (other, _) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        AssertProblem(await _client.GetActivitiesAsync(conversationId, token: null), HttpStatusCode.Unauthorized, "Token required", "Send the Direct Line token as 'Authorization: Bearer <token>'.");
        AssertProblem(await _client.GetActivitiesAsync(other, token), HttpStatusCode.Forbidden, "Token refused", "The token is for another conversation.");
        AssertProblem(await _client.GetActivitiesAsync(conversationId, "x.y"), HttpStatusCode.Forbidden, "Token refused", "The token is malformed.");
        AssertProblem(await _client.GetActivitiesAsync(conversationId, token, "abc"), HttpStatusCode.BadRequest, "Invalid watermark", "The watermark must be one this service returned for this conversation.");
        AssertProblem(await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, Json("""{"text":"no type"}""")), HttpStatusCode.BadRequest, "Invalid activity", "The activity has no type.");
        AssertProblem(await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, Json("""{"type":5}""")), HttpStatusCode.BadRequest, "Invalid activity", "The request body is not a valid activity: type: expected a string, found Number.");
        AssertProblem(await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", null, Json("""{"user":""")), HttpStatusCode.BadRequest, "Invalid request", null);
        AssertProblem(await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", "not-a-credential", Json("{}")), HttpStatusCode.Forbidden, "Credential refused", "The token is not valid.");

        var (_, fresh) = await _client.GenerateAsync(bearer: null, userId: null);
        var (_, someoneElse) = await _client.GenerateAsync(bearer: null, userId: null);
        AssertProblem(await _client.GenerateAsync(bearer: null, fresh.GetProperty("userId").GetString()), HttpStatusCode.Forbidden, "Identity refused",
            "This service assigns user ids: leave user.id out to get one, or send the user credential you were given as 'Authorization: Bearer <credential>'.");
        AssertProblem(await _client.GenerateAsync(someoneElse.GetProperty("userCredential").GetString(), fresh.GetProperty("userId").GetString()), HttpStatusCode.Forbidden, "Identity refused",
            "user.id names another user than the credential proves.");
    }

    [Fact]
    public async Task The_feed_is_json_a_dash_watermark_reads_from_the_start_and_reconnecting_at_the_last_watermark_is_fine()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        await _client.SayAsync(conversationId, token, "привет");

        var response = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities?watermark=-") { Headers = { Authorization = new("Bearer", token) } });
        using var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var watermark = feed.RootElement.GetProperty("watermark").GetString()!;
        var (reconnect, body) = await _client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}?watermark={watermark}", token);

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains(feed.RootElement.GetProperty("activities").EnumerateArray(), a => a.TryGetProperty("text", out var t) && t.GetString() == "привет");
        Assert.Equal(HttpStatusCode.OK, reconnect);
        Assert.StartsWith($"ws://{_host.BaseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t=", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"&watermark={watermark}", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_sets_who_and_where_a_post_is_and_the_locale_of_the_start_wins_over_the_tokens()
    {
        var (_, issued) = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", null, Json("""{"locale":"ru-RU"}"""));
        var (conversationId, token) = (issued.GetProperty("conversationId").GetString()!, issued.GetProperty("token").GetString()!);
        var (_, started) = await _client.StartAsync(token, "en-US");
        await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token,
            Json("""{"type":"message","text":"hello","channelId":"telegram","serviceUrl":"https://evil.example/"}"""));

        var (_, feed) = await _client.GetActivitiesAsync(conversationId, started.GetProperty("token").GetString()!);
        var activities = feed.GetProperty("activities").EnumerateArray().ToList();
        var greeting = activities.First(a => a.GetProperty("from").GetProperty("role").GetString() == "bot");
        var echo = activities.First(a => a.TryGetProperty("text", out var t) && t.GetString() == "hello");

        Assert.StartsWith("Hello! I'm Staffono", greeting.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());
        Assert.Equal(_host.BaseUri.ToString(), echo.GetProperty("serviceUrl").GetString());
    }

    [Fact]
    public async Task A_start_without_a_body_is_fine_and_user_ids_have_a_length_limit()
    {
        const string Secret = "token-server-secret-0123456789abcdef";
        await using var host = await RunningHost.StartAsync($"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(host.Client);

        var (empty, _) = await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", Secret);
        var (longest, _) = await client.GenerateAsync(Secret, new string('u', 128));
        var tooLong = await client.GenerateAsync(Secret, new string('u', 129));
        var (blank, blankBody) = await client.GenerateAsync(Secret, "   ");
        var (refreshed, renewed) = await client.RefreshAsync(blankBody.GetProperty("token").GetString()!);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (empty, longest, blank));
        AssertProblem(tooLong, HttpStatusCode.BadRequest, "Invalid user", "user.id may be at most 128 characters.");
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.False(renewed.TryGetProperty("userCredential", out _));    // the secret holder keeps identities
        AssertProblem(await client.GenerateAsync(bearer: null, userId: null), HttpStatusCode.Forbidden, "Secret required", "Send the Direct Line secret as 'Authorization: Bearer <secret>'.");
    }

    private static void AssertProblem((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string title, string? detail)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(title, answer.Body.GetProperty("title").GetString());
        if (detail is not null)
        {
            Assert.Equal(detail, answer.Body.GetProperty("detail").GetString());
        }
        else
        {
            Assert.StartsWith("The body is not a valid request: ", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
