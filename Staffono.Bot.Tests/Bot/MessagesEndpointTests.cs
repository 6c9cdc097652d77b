using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Expect_replies_gets_the_bots_answer_in_the_http_body()
    {
        var response = await PostAsync("""
            {"type":"message","id":"1","channelId":"emulator","locale":"ru-RU","text":"привет",
             "deliveryMode":"expectReplies","from":{"id":"u1","role":"user"},"recipient":{"id":"bot"},
             "conversation":{"id":"c1"},"serviceUrl":"http://127.0.0.1:1/"}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var reply = body.RootElement.GetProperty("activities")[0];
        Assert.StartsWith("Здравствуйте", reply.GetProperty("text").GetString());
        Assert.Equal("u1", reply.GetProperty("recipient").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{not json", "not a valid activity")]
    [InlineData("""{"text":"no type","conversation":{"id":"c"}}""", "no type")]
    [InlineData("""{"type":"message","channelId":"emulator","from":{"id":"u"},"serviceUrl":"https://x/"}""", "conversation.id")]
    [InlineData("""{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""", "serviceUrl")]
    public async Task Bad_activities_are_400_problem_details_with_the_reason(string body, string reason)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var response = await _host.Client.PostAsync("api/messages", new StringContent("""{"type":"message"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_256_kb_is_413_whether_or_not_its_length_is_announced()
    {
        var huge = """{"type":"message","text":" """ + new string('x', 300 * 1024) + "\"}";

        var announced = await PostAsync(huge);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
    }

    [Fact]
    public async Task A_token_without_a_configured_app_id_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"https://x/"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.e30.sig");

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_answers_ok_once_the_host_is_warm()
    {
        await _host.Services.GetRequiredService<Staffono.Bot.Hosting.Readiness>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("ok", await _host.Client.GetStringAsync("healthz"));
    }

    [Fact]
    public async Task Until_the_warm_up_has_run_health_answers_503_and_messages_are_still_answered()
    {
        // The warm-up recognizes a date; this recognizer holds it there until the test lets it go.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<Staffono.Skills.Understanding.IDateTimeRecognizer>(new HeldRecognizer(held, release.Task)));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var warming = await host.Client.GetAsync("healthz");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "warming up"), (warming.StatusCode, await warming.Content.ReadAsStringAsync()));
        var reply = await host.Client.PostAsync("api/messages", new StringContent(
            """{"type":"message","id":"1","channelId":"emulator","deliveryMode":"expectReplies","text":"hello","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"c"}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        release.SetResult();
        await host.Services.GetRequiredService<Staffono.Bot.Hosting.Readiness>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("ok", await host.Client.GetStringAsync("healthz"));
    }

    private sealed class HeldRecognizer(TaskCompletionSource held, Task release) : Staffono.Skills.Understanding.IDateTimeRecognizer
    {
        private readonly Staffono.Skills.Understanding.DateTimeRecognizer _inner = new();

        public Staffono.Skills.Understanding.DateTimeResolution? Recognize(string? text, DateTime reference)
        {
            held.TrySetResult();
            release.Wait();
            return _inner.Recognize(text, reference);
        }
    }

    [Fact]
    public async Task A_bad_setting_stops_start_up_with_a_message_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync("--MicrosoftAppType=Sometimes"));

        Assert.Contains("MicrosoftAppType", error.Message);
    }

    [Fact]
    public async Task A_bad_order_number_pattern_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync("--Understanding:OrderNumberPattern=(unclosed"));

        Assert.Contains("Understanding:OrderNumberPattern", error.Message);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _host.Client.PostAsync("api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
}
