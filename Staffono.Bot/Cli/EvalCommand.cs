using System.Globalization;
using Staffono.Skills.Ai;
using Staffono.Skills.Understanding;
using Staffono.Skills.Understanding.Evaluation;

namespace Staffono.Bot.Cli;

/// <summary>
/// <c>dotnet run --project Staffono.Bot -- eval ...</c>: how an operator checks the bot's understanding.
/// <list type="bullet">
/// <item><c>eval intents FILE.tsv [--mode offline]</c> — accuracy, macro-F1, per-intent scores, per-language accuracy, confusions, latency.</item>
/// <item><c>eval intents --cv 5</c> — k-fold cross-validation on the training data.</item>
/// <item><c>eval datetimes FILE.tsv</c> — date/time phrases against expected start and granularity.</item>
/// </list>
/// Exit codes: 0 done, 2 bad arguments or a bad input file (the message names the line).
/// </summary>
public static class EvalCommand
{
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Settings (--Llm:Endpoint=..., or Llm__Endpoint in the environment, or appsettings.json) configure the LLM modes.
        var settings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();
        args = args.Except(settings).ToArray();
        args = args.Select((a, i) => i > 0 && !a.StartsWith("--", StringComparison.Ordinal) && args[i - 1] is not ("--cv" or "--mode") ? ResolvePath(a) : a).ToArray();
        try
        {
            return args switch
            {
                ["intents", "--cv", var k] => CrossValidate(ParseFolds(k), output),
                ["intents", var file] => EvaluateIntents(file, "offline", settings, output),
                ["intents", var file, "--mode", var mode] => EvaluateIntents(file, mode, settings, output),
                ["datetimes", var file] => EvaluateDateTimes(file, output),
                _ => Usage(error),
            };
        }
        catch (IntentDataException ex)
        {
            error.WriteLine(ex.Message);
            return BadInput;
        }
    }

    private static int EvaluateIntents(string file, string mode, string[] settings, TextWriter output)
    {
        if (mode is not ("offline" or "hybrid" or "llm"))
        {
            throw new IntentDataException($"Unknown mode '{mode}'; expected offline, hybrid or llm.");
        }

        var data = IntentDataFile.Read(file);
        var understanding = CreateUnderstanding(mode, settings);
        var evaluation = IntentEvaluation.Run(data, text => understanding.UnderstandAsync(text).GetAwaiter().GetResult().Prediction);
        Print(output, $"{file} ({data.Count} messages, mode {mode})", evaluation, withLatency: true);
        return 0;
    }

    private static IntentUnderstanding CreateUnderstanding(string mode, string[] settings)
    {
        var offline = OfflineIntentClassifier.Default;
        if (mode == "offline")
        {
            return new IntentUnderstanding(offline, null, new UnderstandingOptions());
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        var llmOptions = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        if (!llmOptions.IsConfigured)
        {
            throw new IntentDataException($"--mode {mode} needs an LLM: set Llm:Endpoint and Llm:Model (and Llm:ApiKey), e.g. --Llm:Endpoint=http://localhost:11434/v1 --Llm:Model=qwen2.5.");
        }

        var understandingOptions = configuration.GetSection(UnderstandingOptions.SectionName).Get<UnderstandingOptions>() ?? new UnderstandingOptions();
        understandingOptions.Mode = mode == "llm" ? "llm-first" : "hybrid";
        var llm = new LlmIntentClassifier(KernelRegistration.KernelFor(ChatClientFactory.Create(llmOptions)), llmOptions, TrainingData.Utterances);
        return new IntentUnderstanding(offline, llm, understandingOptions);
    }

    private static int CrossValidate(int folds, TextWriter output)
    {
        var data = TrainingData.Utterances;
        var evaluation = CrossValidation.Run(data, folds);
        Print(output, $"{folds}-fold cross-validation on the training data ({data.Count} messages)", evaluation, withLatency: false);
        return 0;
    }

    private static void Print(TextWriter output, string title, IntentEvaluation evaluation, bool withLatency)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Intent evaluation: {title}");
        output.WriteLine(string.Create(c, $"accuracy {evaluation.Accuracy:F4}   macro-F1 {evaluation.MacroF1:F4}"));
        output.WriteLine();
        output.WriteLine("intent                precision  recall   F1      support");
        foreach (var s in evaluation.PerIntent)
        {
            output.WriteLine(string.Create(c, $"{s.Intent,-20}  {s.Precision,9:F3}  {s.Recall,6:F3}  {s.F1,6:F3}  {s.Support,7}"));
        }

        output.WriteLine();
        output.WriteLine("accuracy by language: " + string.Join("   ", evaluation.AccuracyByLanguage.Select(p => string.Create(c, $"{p.Key} {p.Value:F4}"))));
        output.WriteLine();
        output.WriteLine("most frequent confusions (expected -> predicted):");
        foreach (var (expected, predicted, count) in evaluation.Confusions.Take(10))
        {
            output.WriteLine($"  {expected} -> {predicted}: {count}");
        }

        if (evaluation.Confusions.Count == 0)
        {
            output.WriteLine("  none");
        }

        if (evaluation.Bands.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("accuracy by confidence:");
            foreach (var band in evaluation.Bands)
            {
                output.WriteLine(string.Create(c, $"  {band.Low:F2}-{band.High:F2}: {band.Accuracy:F3} of {band.Count}"));
            }
        }

        if (withLatency)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"latency p50 {evaluation.P50Microseconds:F1} µs   p99 {evaluation.P99Microseconds:F1} µs"));
        }

        output.WriteLine(string.Create(c, $"accuracy={evaluation.Accuracy:F4} macro_f1={evaluation.MacroF1:F4}"));
    }

    private static int EvaluateDateTimes(string file, TextWriter output)
    {
        var cases = DateTimeCaseFile.Read(file);
        var recognizer = new DateTimeRecognizer();
        var failures = new List<string>();
        var byLanguage = new Dictionary<string, (int Right, int All)>(StringComparer.Ordinal);
        foreach (var item in cases)
        {
            var got = recognizer.Recognize(item.Text, item.Reference);
            var right = got is not null && got.Start == item.ExpectedStart && got.Granularity == item.Granularity;
            var (r, a) = byLanguage.GetValueOrDefault(item.Language);
            byLanguage[item.Language] = (r + (right ? 1 : 0), a + 1);
            if (!right)
            {
                failures.Add($"  line {item.Line}: [{item.Language}] \"{item.Text}\" at {item.Reference:yyyy-MM-ddTHH:mm}: expected {item.ExpectedStart:yyyy-MM-ddTHH:mm} {DateTimeCaseFile.Name(item.Granularity)}, got "
                    + (got is null ? "nothing" : $"{got.Start:yyyy-MM-ddTHH:mm} {DateTimeCaseFile.Name(got.Granularity)}"));
            }
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Date/time evaluation: {file} ({cases.Count} phrases)");
        output.WriteLine("exact by language: " + string.Join("   ", byLanguage.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(c, $"{p.Key} {(double)p.Value.Right / p.Value.All:F4} ({p.Value.Right}/{p.Value.All})"))));
        output.WriteLine(failures.Count == 0 ? "failures: none" : $"failures ({failures.Count}):");
        failures.ForEach(output.WriteLine);
        var exact = cases.Count == 0 ? 0 : (double)(cases.Count - failures.Count) / cases.Count;
        output.WriteLine(string.Create(c, $"exact={exact:F4}"));
        return 0;
    }

    /// <summary>
    /// `dotnet run --project` starts the program in the project's folder, so a path relative to where
    /// the user typed the command is tried against the shell's working directory too.
    /// </summary>
    private static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } shellDirectory)
        {
            return path;
        }

        var fromShell = Path.Combine(shellDirectory, path);
        return File.Exists(fromShell) ? fromShell : path;
    }

    private static int ParseFolds(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 2 and <= 20
            ? k
            : throw new IntentDataException($"--cv needs a number of folds from 2 to 20, not '{text}'.");

    private static int Usage(TextWriter error)
    {
        error.WriteLine("""
            usage:
              eval intents FILE.tsv [--mode offline|hybrid|llm]   FILE: text<TAB>intent<TAB>lang with a header line
                                                                  (hybrid/llm: --Llm:Endpoint=URL --Llm:Model=NAME [--Llm:ApiKey=KEY])
              eval intents --cv K                                  K-fold cross-validation on the training data
              eval datetimes FILE.tsv                              FILE: reference<TAB>lang<TAB>text<TAB>expected_start<TAB>granularity
            """);
        return BadInput;
    }
}
