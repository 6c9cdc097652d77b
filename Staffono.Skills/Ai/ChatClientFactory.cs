using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenAI;

namespace Staffono.Skills.Ai;

/// <summary>
/// The chat client for the configured OpenAI-compatible endpoint (OpenAI, Azure OpenAI with its
/// <c>api-key</c> header, Ollama, vLLM, LM Studio): the OpenAI SDK's client as an
/// <see cref="IChatClient"/> (Microsoft.Extensions.AI.OpenAI), with our options mapped onto it. The SDK's
/// own retries are off and Llm:Timeout bounds every call: the caller decides how long an answer may take.
/// Tool calls a model makes run through the kernel, so the <see cref="SideEffectGuard"/> sees each one.
/// </summary>
public static class ChatClientFactory
{
    public static IChatClient Create(LlmOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new ArgumentException("Llm:Endpoint and Llm:Model are required.", nameof(options));
        }

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

        return new OpenAIClient(new ApiKeyCredential(key), clientOptions)
            .GetChatClient(options.Model!)
            .AsIChatClient()
            .AsBuilder()
            .UseKernelFunctionInvocation()
            .Build();
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
