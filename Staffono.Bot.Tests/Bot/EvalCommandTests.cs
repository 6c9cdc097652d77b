using Staffono.Bot.Cli;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Eval_intents_prints_the_report_and_ends_with_the_summary_line()
    {
        var file = Write("small.tsv", "text\tintent\tlang", "Где мой заказ?\tOrderStatus\tru", "Сколько стоит стрижка?\tPricing\tru", "hi there\tGreeting\ten", "book me for tomorrow\tBooking\ten");

        var (code, output, _) = Run("intents", file);

        Assert.Equal(0, code);
        Assert.Contains("precision", output);
        Assert.Contains("accuracy by language: en", output);
        Assert.Contains("latency p50", output);
        Assert.Equal("accuracy=1.0000 macro_f1=1.0000", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_wrong_answer_counts_against_accuracy_and_the_f1_of_both_intents_involved()
    {
        // "hi there" is labelled Booking on purpose: the classifier (rightly) says Greeting.
        var file = Write("small.tsv", "text\tintent\tlang", "Где мой заказ?\tOrderStatus\tru", "Сколько стоит стрижка?\tPricing\tru", "hi there\tBooking\ten", "book me for tomorrow\tBooking\ten");

        var (code, output, _) = Run("intents", file);

        // Per intent F1: OrderStatus 1, Pricing 1, Booking 2/3 (precision 1, recall 1/2), Greeting 0 (predicted once, never right).
        Assert.Equal(0, code);
        Assert.Contains("accuracy by language: en 0.5000   ru 1.0000", output);
        Assert.Equal("accuracy=0.7500 macro_f1=0.6667", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task Eval_intents_cv_5_runs_end_to_end_from_the_command_line_and_stays_above_the_floor()
    {
        var (code, output, errors) = await BotProcess.RunToExitAsync("eval", "intents", "--cv", "5");

        Assert.True(code == 0, string.Join("\n", errors));
        Assert.StartsWith("Intent evaluation: 5-fold cross-validation on the training data (", output[0], StringComparison.Ordinal);
        var summary = System.Text.RegularExpressions.Regex.Match(output[^1], @"^accuracy=(\d\.\d{4}) macro_f1=(\d\.\d{4})$");
        Assert.True(summary.Success, output[^1]);
        Assert.InRange(double.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Staffono.Bot.Tests.Skills.Understanding.OfflineIntentClassifierTests.CrossValidationFloor, 1.0);
        Assert.InRange(double.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Staffono.Bot.Tests.Skills.Understanding.OfflineIntentClassifierTests.CrossValidationFloor, 1.0);
    }

    [Theory]
    [InlineData(new[] { "text\tintent\tlang", "hello\tGreeting" }, "bad.tsv:2: expected 3 tab-separated columns")]
    [InlineData(new[] { "text\tintent\tlang", "hello\tGreeting\ten", "where?\tWhereabouts\ten" }, "bad.tsv:3: unknown intent 'Whereabouts'")]
    [InlineData(new[] { "text\tintent\tlang", "hola\tGreeting\tes" }, "bad.tsv:2: unknown language 'es'")]
    [InlineData(new[] { "message\tlabel", "hi\tGreeting" }, "bad.tsv:1: expected the header")]
    public void A_bad_intent_file_is_exit_code_2_with_the_line_named(string[] lines, string message)
    {
        var file = Write("bad.tsv", lines);

        var (code, _, error) = Run("intents", file);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Eval_datetimes_counts_exact_matches_and_lists_every_failure()
    {
        var file = Write("dates.tsv",
            "reference\tlang\ttext\texpected_start\tgranularity",
            "2026-11-24T10:30\tru\tзавтра в 11\t2026-11-25T11:00\thour",
            "2026-11-24T10:30\ten\ttomorrow morning\t2026-11-25T09:00\tpart_of_day",
            "2026-11-24T10:30\ten\ttomorrow at 11\t2026-11-25T11:00\tminute");

        var (code, output, _) = Run("datetimes", file);

        Assert.Equal(0, code);
        Assert.Contains("failures (1):", output);
        Assert.Contains("line 4:", output);
        Assert.Equal("exact=0.6667", output.TrimEnd().Split('\n')[^1]);
    }

    [Theory]
    [InlineData("2026-11-24 10:30\tru\tзавтра\t2026-11-25T00:00\tday", "dates.tsv:2: reference")]
    [InlineData("2026-11-24T10:30\tru\tзавтра\t2026-11-25T00:00\tfortnight", "dates.tsv:2: unknown granularity")]
    [InlineData("2026-11-24T10:30\tru\tзавтра", "dates.tsv:2: expected 5 tab-separated columns")]
    public void A_bad_date_file_is_exit_code_2_with_the_line_named(string line, string message)
    {
        var file = Write("dates.tsv", "reference\tlang\ttext\texpected_start\tgranularity", line);

        var (code, _, error) = Run("datetimes", file);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intents")]
    [InlineData("intents --cv one")]
    [InlineData("intents x.tsv --mode psychic")]
    [InlineData("weather")]
    public void Wrong_arguments_are_exit_code_2_with_usage_or_a_reason(string args)
    {
        var (code, _, error) = Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void An_llm_mode_without_an_llm_configured_is_exit_code_2_saying_what_to_set()
    {
        var file = Write("small.tsv", "text\tintent\tlang", "hi\tGreeting\ten");

        var (code, _, error) = Run("intents", file, "--mode", "hybrid");

        Assert.Equal(2, code);
        Assert.Contains("Llm:Endpoint", error);
    }

    [Fact]
    public async Task Eval_in_llm_mode_asks_the_configured_endpoint_for_every_message()
    {
        await using var llm = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            var content = System.Text.Json.JsonSerializer.Serialize("""{"intent":"Booking","confidence":0.97,"entities":[]}""");
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                $$"""{"id":"c1","object":"chat.completion","created":1764000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":{{content}}},"finish_reason":"stop"}]}""");
        });
        var file = Write("small.tsv", "text\tintent\tlang", "book me tomorrow\tBooking\ten", "где мой заказ\tOrderStatus\tru", "хочу записаться\tBooking\tru", "hi\tGreeting\ten");

        var (code, output, _) = Run("intents", file, "--mode", "llm", $"--Llm:Endpoint={new Uri(llm.BaseUri, "v1")}", "--Llm:Model=m", "--Llm:Timeout=00:00:30");

        Assert.Equal(0, code);
        Assert.Equal(4, llm.Requests.Count);
        Assert.Equal("accuracy=0.5000 macro_f1=0.2222", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_missing_file_is_exit_code_2()
    {
        var (code, _, error) = Run("intents", _folder.File("nope.tsv"));

        Assert.Equal(2, code);
        Assert.Contains("file not found", error);
    }

    private string Write(string name, params string[] lines)
    {
        var path = _folder.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = EvalCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
