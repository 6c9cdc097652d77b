namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// What a prompt that lets other answers through (<see cref="PromptOptions.LetsOtherAnswersThrough"/>)
/// ends with when the reply is none of its options: the text, for the step to read as a new request
/// ("а есть попозже?", "another day") instead of counting it as a wrong answer.
/// </summary>
public sealed record OtherAnswer(string Text);
