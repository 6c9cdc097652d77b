using System.Text.Json;

namespace Staffono.Bot.Tests.Support;

/// <summary>Answers of an OpenAI-compatible chat-completions endpoint, for the loopback servers that stand in for a model.</summary>
public static class ChatCompletions
{
    /// <summary>A finished completion whose one message is <paramref name="content"/>.</summary>
    public static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        created = 1764000000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    });
}
