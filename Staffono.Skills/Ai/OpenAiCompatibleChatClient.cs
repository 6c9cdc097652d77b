using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;

namespace Staffono.Skills.Ai;

/// <summary>
/// <see cref="IChatClient"/> over any OpenAI-compatible chat-completions endpoint, through the
/// OpenAI SDK: OpenAI itself, Azure OpenAI (key in an <c>api-key</c> header), Ollama, vLLM, LM Studio.
/// Structured output is passed on as a strict JSON schema. The SDK's own retries are off: the
/// caller decides how long an answer may take.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly ChatClient _client;
    private readonly string _model;

    public OpenAiCompatibleChatClient(LlmOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new ArgumentException("Llm:Endpoint and Llm:Model are required.", nameof(options));
        }

        _model = options.Model!;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint!),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
        if (options.KeyHeader == "api-key")
        {
            // Before the transport, so it runs after the SDK has added its bearer header, which it then replaces.
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(key), PipelinePosition.BeforeTransport);
        }

        _client = new ChatClient(_model, new ApiKeyCredential(key), clientOptions);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var completionOptions = new ChatCompletionOptions { Temperature = options?.Temperature ?? 0f };
        if (options?.MaxOutputTokens is { } maxTokens)
        {
            completionOptions.MaxOutputTokenCount = maxTokens;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
        {
            completionOptions.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "answer", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: true);
        }
        else if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            completionOptions.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat();
        }

        var completion = await _client.CompleteChatAsync(messages.Select(ToOpenAi).ToList(), completionOptions, cancellationToken);
        var text = string.Concat(completion.Value.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, text)) { ModelId = completion.Value.Model, ResponseId = completion.Value.Id };
    }

    /// <summary>Answers arrive whole; the one update carries the complete text.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static OpenAI.Chat.ChatMessage ToOpenAi(AiChatMessage message)
    {
        var text = message.Text;
        if (message.Role == ChatRole.System)
        {
            return new SystemChatMessage(text);
        }

        return message.Role == ChatRole.Assistant ? new AssistantChatMessage(text) : new UserChatMessage(text);
    }

    /// <summary>Azure OpenAI wants the key in an <c>api-key</c> header rather than as a bearer token.</summary>
    private sealed class ApiKeyHeaderPolicy(string key) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Prepare(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Prepare(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Prepare(PipelineMessage message)
        {
            message.Request.Headers.Remove("Authorization");
            message.Request.Headers.Set("api-key", key);
        }
    }
}
