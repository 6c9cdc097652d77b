using System.ComponentModel;
using Microsoft.SemanticKernel;
using Staffono.Skills.Ai;

namespace Staffono.Skills.Leads;

/// <summary>
/// The CRM as a capability and a kernel plugin ("crm"). A model may search and read leads, to answer an owner's question
/// or word a summary; creating and updating them demands a <see cref="DialogGrant"/>, because what a lead said and where it
/// stands is written by the dialog that heard it, never by a model's guess.
/// </summary>
public sealed class CrmPlugin(ILeadStore store, TimeProvider time)
{
    [KernelFunction("search_leads"), ModelMayCall]
    [Description("Finds leads whose name, phone, e-mail, project or summary contains the text, newest first. Read-only.")]
    public Task<IReadOnlyList<Lead>> SearchAsync(
        [Description("Text to look for, or empty for the latest leads.")] string? text,
        [Description("At most this many leads (1-50).")] int limit = 10,
        CancellationToken cancellationToken = default) =>
        store.SearchAsync(text, Math.Clamp(limit, 1, 50), cancellationToken);

    [KernelFunction("read_lead"), ModelMayCall]
    [Description("Reads one lead by its id (L-1001): contact, answers, tier, score, stage and history. Read-only.")]
    public Task<Lead?> ReadAsync([Description("The lead's id, such as L-1001.")] string id, CancellationToken cancellationToken = default) =>
        store.FindAsync(id, cancellationToken);

    /// <summary>Creates or updates the lead the contact matches. Dialog only.</summary>
    [KernelFunction("save_lead"), DialogOnly]
    public Task<Lead> SaveAsync(LeadChange change, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.SaveAsync(change, time.GetUtcNow(), cancellationToken);
    }
}
