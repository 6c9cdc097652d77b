using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;

namespace Staffono.Bot;

/// <summary>
/// Until the dialogs land (issue 3), the bot says honestly what it is and that it cannot help yet,
/// so the endpoint, state and authentication can be exercised end to end.
/// </summary>
public sealed class PlaceholderBot : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var russian = Language.IsRussian(activity.Locale, activity.Text);
        var greeting = russian
            ? "Здравствуйте! Я Staffono. Пока я умею только отвечать на сообщения — запись, заказы и возвраты скоро появятся."
            : "Hello! I'm Staffono. For now I can only answer messages — bookings, orders and returns are coming soon.";
        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true:
            case ActivityTypes.Message:
                await turnContext.SendActivityAsync(greeting, cancellationToken);
                break;
        }
    }
}
