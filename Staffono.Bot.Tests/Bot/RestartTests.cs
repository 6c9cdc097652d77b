using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Dialogs;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class RestartTests
{
    [Fact]
    public async Task A_host_stopped_while_a_waterfall_waits_at_step_two_continues_there_after_a_restart()
    {
        using var folder = new TempFolder();
        await using (var first = await StartAsync(folder.Path))
        {
            Assert.Equal(["Как вас зовут?"], await SayAsync(first, "заказ"));
            Assert.Equal(["Сколько штук?"], await SayAsync(first, "Анна"));
        }

        await using var second = await StartAsync(folder.Path);

        Assert.Equal(["Какой размер?"], await SayAsync(second, "3"));
        Assert.Equal(["Анна: 3 x S. Подтверждаете?"], await SayAsync(second, "1"));
    }

    /// <summary>The real host and its SQLite state, with the test order waterfall as the bot.</summary>
    private static Task<RunningHost> StartAsync(string folder) =>
        RunningHost.StartAsync(folder, services => services.AddSingleton<IBot>(sp =>
            new WaterfallBot(sp.GetRequiredService<ConversationState>().CreateProperty<DialogState>("dialogState"))));

    private static async Task<List<string>> SayAsync(RunningHost host, string text)
    {
        var response = await host.Client.PostAsJsonAsync("api/messages", new
        {
            type = "message",
            id = Guid.NewGuid().ToString("N"),
            text,
            locale = "ru-RU",
            channelId = "emulator",
            deliveryMode = "expectReplies",
            from = new { id = "u1", role = "user" },
            recipient = new { id = "bot" },
            conversation = new { id = "restart-conversation" },
            serviceUrl = "http://127.0.0.1:1/",
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToList();
    }

    private sealed class WaterfallBot(IStatePropertyAccessor<DialogState> state) : IBot
    {
        private readonly RootDialog _root = new();

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            DialogRunner.RunAsync(_root, turnContext, state, cancellationToken);
    }
}
