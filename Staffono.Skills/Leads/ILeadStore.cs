namespace Staffono.Skills.Leads;

/// <summary>
/// The CRM's records. Saving a change finds the lead by any of its contact's phone, e-mail or chat, so a returning
/// lead stays one record; every save also records a <see cref="CrmEvent"/> (lead.created or lead.updated) in the same
/// write, so the owner's webhook hears of every change exactly as it was stored and none is lost to a crash between the two.
/// </summary>
public interface ILeadStore
{
    /// <summary>Creates the lead or updates the one its contact matches, with a history line; returns it as stored.</summary>
    Task<Lead> SaveAsync(LeadChange change, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<Lead?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The lead any of whose phone, e-mail or chat is the contact's; null when none is.</summary>
    Task<Lead?> FindByContactAsync(LeadContact contact, CancellationToken cancellationToken = default);

    /// <summary>Leads whose name, phone, e-mail, project or summary contains <paramref name="text"/> (every lead for none), newest first.</summary>
    Task<IReadOnlyList<Lead>> SearchAsync(string? text, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> undelivered events due by <paramref name="now"/> until <paramref name="now"/> +
    /// <paramref name="lease"/>, oldest first, counting an attempt: two senders never hold one event at once.
    /// </summary>
    Task<IReadOnlyList<CrmEvent>> ClaimEventsAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>The receiver accepted the event; it is never sent again.</summary>
    Task MarkDeliveredAsync(string eventId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The receiver refused it or could not be reached; tried again at <paramref name="retryAt"/>.</summary>
    Task MarkFailedAsync(string eventId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default);

    /// <summary>Events of one lead, oldest first.</summary>
    Task<IReadOnlyList<CrmEvent>> EventsOfAsync(string leadId, CancellationToken cancellationToken = default);
}

/// <summary>
/// A change of a lead as the webhook posts it. <see cref="Body"/> is the JSON sent, fixed when the change was stored, so
/// every attempt posts the same bytes with the same id and signature and a receiver can drop a repeat by the id.
/// </summary>
public sealed record CrmEvent(string Id, string Type, string LeadId, string Body, DateTimeOffset Created, int Attempts, DateTimeOffset? Delivered, string? LastError);

/// <summary>The kinds of <see cref="CrmEvent"/>.</summary>
public static class CrmEventTypes
{
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";
}
