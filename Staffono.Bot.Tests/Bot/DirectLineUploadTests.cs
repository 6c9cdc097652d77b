using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// Direct Line's upload over real HTTP, as Web Chat sends a file: multipart with the message in the "activity"
/// part. The file reaches the conversation as an attachment whose contentUrl serves exactly the bytes with their
/// type; no token, too large, too many, no file or not multipart are refused with the reason.
/// </summary>
public sealed class DirectLineUploadTests : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private RunningHost _host = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync("--Outbox:Dispatch=false", "--DirectLine:MaxAttachmentBytes=2048", "--DirectLine:MaxAttachmentsPerMessage=2");
        _client = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static MultipartFormDataContent Upload(string? text, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (text is not null)
        {
            var activity = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "message", text, from = new { id = "someone-else" }, attachments = files.Select(f => new { contentType = f.Type, name = f.Name }) })));
            activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(activity, "activity", "blob");
        }

        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "file", name);
        }

        return form;
    }

    private async Task<HttpResponseMessage> PostAsync(string conversationId, string? token, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/upload?userId=whatever") { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Client.SendAsync(request);
    }

    [Fact]
    public async Task An_uploaded_photo_reaches_the_conversation_as_the_token_s_user_and_its_url_serves_the_same_bytes()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        using var response = await PostAsync(conversationId, token, Upload("вот фото", ("broken.png", "image/png", Png)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);
        var posted = feed.GetProperty("activities").EnumerateArray().Single(a => a.TryGetProperty("attachments", out _) && a.GetProperty("from").GetProperty("role").GetString() == "user");
        Assert.Equal("вот фото", posted.GetProperty("text").GetString());
        Assert.StartsWith("dl_", posted.GetProperty("from").GetProperty("id").GetString(), StringComparison.Ordinal);
        var attachment = posted.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal(("image/png", "broken.png"), (attachment.GetProperty("contentType").GetString(), attachment.GetProperty("name").GetString()));

        using var file = await _host.Client.GetAsync(attachment.GetProperty("contentUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_alone_without_an_activity_part_is_a_message_with_the_attachment()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        using var response = await PostAsync(conversationId, token, Upload(null, ("a.png", "image/png", Png)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);
        Assert.Contains(feed.GetProperty("activities").EnumerateArray(), a => a.TryGetProperty("attachments", out var list) && list.GetArrayLength() == 1 && a.GetProperty("type").GetString() == "message");
    }

    [Fact]
    public async Task Uploads_without_a_token_too_large_too_many_without_a_file_or_not_multipart_are_refused_with_the_reason()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        using var noToken = await PostAsync(conversationId, null, Upload("x", ("a.png", "image/png", Png)));
        using var tooLarge = await PostAsync(conversationId, token, Upload("x", ("big.png", "image/png", new byte[4096])));
        using var tooMany = await PostAsync(conversationId, token, Upload("x", ("a.png", "image/png", Png), ("b.png", "image/png", Png), ("c.png", "image/png", Png)));
        using var noFile = await PostAsync(conversationId, token, Upload("x"));
        using var json = await PostAsync(conversationId, token, new StringContent("{\"type\":\"message\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("at most 2048 bytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("carries no file", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);
        Assert.DoesNotContain(feed.GetProperty("activities").EnumerateArray(), a => a.TryGetProperty("attachments", out var list) && list.EnumerateArray().Any(x => x.TryGetProperty("name", out var n) && n.GetString()!.EndsWith(".png", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fstaffono.db")]
    [InlineData("short")]
    public async Task An_unknown_attachment_id_is_404(string id)
    {
        using var response = await _host.Client.GetAsync($"v3/directline/attachments/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
