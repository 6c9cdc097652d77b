using Staffono.Runtime.Adapter;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// When something should happen, read by an <see cref="IDateTimeRecognizer"/> relative to the moment
/// the user wrote: their own local time when the channel sends it, else the clock's.
/// </summary>
/// <param name="reference">
/// The moment answers are read against; by default the user's local time when the channel sends it,
/// else the clock's. A booking passes the business's local time, which is what its slots are in.
/// </param>
public sealed class DateTimePrompt(string id, IDateTimeRecognizer recognizer, TimeProvider timeProvider, PromptValidator<DateTimeResolution>? validator = null, Func<DateTime>? reference = null)
    : Prompt<DateTimeResolution>(id, validator)
{
    protected override string DefaultRetryKey => "prompt.datetime_retry";

    protected override Task<PromptRecognizerResult<DateTimeResolution>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var now = reference?.Invoke() ?? turnContext.Activity.LocalTimestamp?.DateTime ?? timeProvider.GetLocalNow().DateTime;
        return Task.FromResult(recognizer.Recognize(turnContext.Activity.Text, now) is { } resolution
            ? new PromptRecognizerResult<DateTimeResolution>(true, resolution)
            : PromptRecognizerResult<DateTimeResolution>.NotRecognized);
    }
}
