using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Staffono.Skills.Ai;
using Staffono.Skills.Understanding;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Composes understanding: the offline classifier (trained from the embedded data as the host
/// starts), the LLM classifier when Llm:Endpoint and Llm:Model are set, and the policy between them.
/// </summary>
public static class UnderstandingHostingExtensions
{
    public static IHostApplicationBuilder AddUnderstanding(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LlmOptions>().Bind(builder.Configuration.GetSection(LlmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UnderstandingOptions>().Bind(builder.Configuration.GetSection(UnderstandingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => OfflineIntentClassifier.Default);
        services.AddHttpClient("llm");
        // The model, when one is configured, is the kernel's chat client: the classifier's prompt function runs on it.
        if (builder.Configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() is { IsConfigured: true })
        {
            services.AddSingleton(sp => ChatClientFactory.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>().CreateClient("llm")));
        }

        services.AddStaffonoKernel();
        services.AddSingleton(sp => CreateLlm(sp));
        services.AddSingleton(sp => new IntentUnderstanding(
            sp.GetRequiredService<OfflineIntentClassifier>(),
            sp.GetRequiredService<LlmHolder>().Classifier,
            sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value));
        services.AddSingleton(sp => new Staffono.Skills.Understanding.Entities.OrderNumberRecognizer(
            sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value.OrderNumberPattern is { Length: > 0 } pattern ? pattern : null));
        return builder;
    }

    private static LlmHolder CreateLlm(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        if (!options.IsConfigured)
        {
            return new LlmHolder(null);
        }

        return new LlmHolder(new LlmIntentClassifier(services.GetRequiredService<Microsoft.SemanticKernel.Kernel>(), options, TrainingData.Utterances, services.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The LLM classifier, or null when none is configured (DI cannot hold a null singleton itself).</summary>
    private sealed record LlmHolder(LlmIntentClassifier? Classifier);
}
