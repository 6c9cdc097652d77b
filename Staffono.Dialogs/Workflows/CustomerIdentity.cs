using Staffono.Runtime.Adapter;
using Staffono.Skills.Customers;

namespace Staffono.Dialogs.Workflows;

/// <summary>Who is writing and in which conversation, as every workflow keys its records.</summary>
public static class CustomerIdentity
{
    /// <summary>The channel user: "channel/user id", and the name the channel gave.</summary>
    public static Customer Of(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return new Customer($"{activity.ChannelId}/{activity.From?.Id}", activity.From?.Name, null);
    }

    /// <summary>Where to write to this conversation later (a reminder, an operator's reply), as the protocol's ConversationReference JSON.</summary>
    public static string ConversationReference(ITurnContext turnContext)
    {
        var reference = turnContext.Activity.GetConversationReference();
        reference.ActivityId = null;
        return System.Text.Json.JsonSerializer.Serialize(reference, Runtime.Schema.ProtocolJson.Context.ConversationReference);
    }

    /// <summary>"channel/conversation id", the key outcome events and handoffs are filed under.</summary>
    public static string ConversationKey(ITurnContext turnContext) =>
        $"{turnContext.Activity.ChannelId}/{turnContext.Activity.Conversation?.Id}";
}
