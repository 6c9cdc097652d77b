using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>A minimal Direct Line 3.0 client over real HTTP, the calls Web Chat makes.</summary>
internal sealed class DirectLineClient(HttpClient http)
{
    /// <summary>A token for a new conversation of a new customer, whose id the service assigns (no secret configured).</summary>
    public async Task<(string ConversationId, string Token)> GenerateTokenAsync()
    {
        var (status, body) = await GenerateAsync(bearer: null, userId: null);
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>POST tokens/generate as a client may: with a bearer (a secret or a user credential) and a user id it names.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> GenerateAsync(string? bearer, string? userId) =>
        SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", bearer, JsonContent.Create(userId is null ? (object)new { locale = "ru-RU" } : new { user = new { id = userId, name = "Tester" } }));

    public async Task<(HttpStatusCode Status, JsonElement Body)> StartAsync(string? token, string locale = "ru-RU", string? userId = null)
    {
        var content = userId is null ? JsonContent.Create(new { locale }) : JsonContent.Create(new { locale, user = new { id = userId } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations") { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        return (response.StatusCode, await BodyAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string conversationId, string token, string text, string clientActivityId, string locale = "ru-RU", string fromId = "dl_tester")
    {
        var activity = $$"""
            {"type":"message","text":{{JsonSerializer.Serialize(text)}},"locale":"{{locale}}","textFormat":"plain","channelId":"webchat",
             "from":{"id":{{JsonSerializer.Serialize(fromId)}},"name":"Tester","role":"user"},
             "channelData":{"clientActivityID":"{{clientActivityId}}","clientTimestamp":"2026-11-24T09:15:02.480Z"},
             "entities":[{"type":"ClientCapabilities","requiresBotState":true,"supportsListening":true,"supportsTts":true}]}
            """;
        return await SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new StringContent(activity, Encoding.UTF8, "application/json"));
    }

    /// <summary>Posts each text in turn, as a customer typing one message after another.</summary>
    public async Task SayAsync(string conversationId, string token, params string[] texts)
    {
        foreach (var text in texts)
        {
            var (status, _) = await PostAsync(conversationId, token, text, Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> GetActivitiesAsync(string conversationId, string? token, string? watermark = null) =>
        SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities" + (watermark is null ? string.Empty : $"?watermark={watermark}"), token);

    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string token) =>
        SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", token);

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        return (response.StatusCode, await BodyAsync(response));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
