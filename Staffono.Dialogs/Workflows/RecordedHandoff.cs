using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// The handoff with no operator channel configured: the request is stored with the collected fields,
/// the transcript and where to answer, and the customer is told plainly that a person will read it and
/// answer in this chat, with the request's number. Nothing pretends an operator is already watching.
/// </summary>
public sealed class RecordedHandoff(IHandoffStore store, TimeProvider time) : IHandoff
{
    public async Task<string> HandOffAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var language = TurnLanguage.Get(turnContext);
        var customer = CustomerIdentity.Of(turnContext);
        var reference = turnContext.Activity.GetConversationReference();
        reference.ActivityId = null;
        var stored = await store.CreateAsync(
            new HandoffRecord(
                string.Empty,
                CustomerIdentity.ConversationKey(turnContext),
                JsonSerializer.Serialize(reference, ProtocolJson.Context.ConversationReference),
                customer.Key,
                customer.Name,
                language,
                request.Workflow,
                request.Reason,
                request.Fields,
                ConversationTranscript.Of(turnContext).ToList(),
                time.GetUtcNow()),
            cancellationToken);
        await turnContext.SendActivityAsync(Texts.Message(language, "handoff.recorded", stored.Id), cancellationToken);
        return stored.Id;
    }
}
