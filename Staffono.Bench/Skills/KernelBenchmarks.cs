using Staffono.Bot.Hosting;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Staffono.Skills.Ai;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;

namespace Staffono.Bench.Skills;

/// <summary>
/// What Semantic Kernel costs: building the kernel with the calendar plugin (once, at start); a read
/// through the kernel against the same call made directly (the guard and SK's marshalling); and the
/// LLM classifier's prompt function against an in-process chat client that answers at once, so only
/// SK's own work (render, settings, invocation) and our parsing are measured, not a model.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KernelBenchmarks
{
    private static readonly DateTimeResolution Wanted = new(new DateTime(2026, 12, 10, 11, 0, 0), DateTimeGranularity.Hour);
    private string _folder = null!;
    private CalendarPlugin _calendar = null!;
    private Kernel _kernel = null!;
    private KernelFunction _freeSlots = null!;
    private LlmIntentClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "staffono-bench-kernel-" + Guid.NewGuid().ToString("N"));
        var profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
        _calendar = new CalendarPlugin(profile, new SqliteCalendarStore(SharedSqliteFile.At(Path.Combine(_folder, "c.db")), TimeProvider.System), TimeProvider.System);
        _kernel = BuildKernel();
        _freeSlots = _kernel.Plugins.GetFunction("calendar", "find_free_slots");
        _classifier = new LlmIntentClassifier(KernelRegistration.KernelFor(new InstantChatClient()), new LlmOptions(), TrainingData.Utterances);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public Kernel BuildKernel()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_calendar);
        services.AddKernelPlugin<CalendarPlugin>("calendar");
        services.AddStaffonoKernel();
        return services.BuildServiceProvider().GetRequiredService<Kernel>();
    }

    [Benchmark]
    public async Task<int> FreeSlotsDirect() => (await _calendar.FreeSlotsAsync("haircut", null, Wanted)).Slots.Count;

    [Benchmark]
    public async Task<int> FreeSlotsThroughKernel() =>
        (await _kernel.InvokeAsync(_freeSlots, new KernelArguments { ["serviceId"] = "haircut", ["locationId"] = null, ["wanted"] = Wanted })).GetValue<SlotOffer>()!.Slots.Count;

    [Benchmark]
    public async Task<string?> ClassifyThroughPromptFunction() => (await _classifier.ClassifyAsync("Можно завтра в 11 на стрижку?"))?.Intent;

    /// <summary>Answers every request at once with the same well-formed label.</summary>
    private sealed class InstantChatClient : IChatClient
    {
        private static readonly ChatClientMetadata Metadata = new("instant", null, "instant-model");

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"intent":"Booking","confidence":0.9,"entities":[]}""")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
