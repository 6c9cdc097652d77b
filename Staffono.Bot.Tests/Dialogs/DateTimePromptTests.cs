using Staffono.Bot.Tests.Support;
using Staffono.Dialogs;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

public sealed class DateTimePromptTests
{
    [Theory]
    [InlineData("ru-RU", "Когда?", "завтра в 11", "2026-11-25 11:00 Hour")]
    [InlineData("en-US", "When?", "tomorrow at 4:30pm", "2026-11-25 16:30 Minute")]
    public async Task The_moment_is_read_relative_to_when_the_user_wrote(string locale, string question, string answer, string expected)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        using var flow = new DialogTestFlow(new WhenDialog(clock, question), locale: locale);

        Assert.Equal([question], await flow.SendAsync("hi"));
        Assert.Equal([expected], await flow.SendAsync(answer));
    }

    [Fact]
    public async Task A_moment_it_cannot_read_is_asked_again_with_an_example()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        using var flow = new DialogTestFlow(new WhenDialog(clock, "Когда?"));
        await flow.SendAsync("привет");

        Assert.Equal(["Не понял, когда именно. Например: «завтра в 11» или «сегодня вечером».\nКогда?"], await flow.SendAsync("как-нибудь потом"));
    }

    private sealed class WhenDialog : InterruptibleDialog
    {
        public WhenDialog(TimeProvider clock, string question)
            : base("when")
        {
            AddDialog(new WaterfallDialog("when.steps",
            [
                (step, ct) => step.PromptAsync("datetime", PromptOptions.Ask(question), ct),
                async (step, ct) =>
                {
                    var when = (DateTimeResolution)step.Result!;
                    await step.Context.SendActivityAsync($"{when.Start:yyyy-MM-dd HH:mm} {when.Granularity}", ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new DateTimePrompt("datetime", new DateTimeRecognizer(), clock));
        }

        protected override Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
