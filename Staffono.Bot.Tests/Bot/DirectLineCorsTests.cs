using System.Net;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class DirectLineCorsTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync("--DirectLine:AllowedOrigins:0=https://shop.example");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_configured_origin_may_call_direct_line_with_the_headers_web_chat_sends()
    {
        var response = await PreflightAsync("https://shop.example");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://shop.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowed);
        Assert.Contains("x-ms-bot-agent", allowed);
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_permission()
    {
        var response = await PreflightAsync("https://evil.example");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "v3/directline/tokens/generate");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        return _host.Client.SendAsync(request);
    }
}
