namespace Staffono.Skills.Leads;

/// <summary>Where a lead is on its way; the CRM's pipeline.</summary>
public enum LeadStage
{
    New,
    Qualified,
    MeetingBooked,
    Quoted,
    Won,
    Lost,
    Silent,
}

/// <summary>A: in area, soon, budget fits — meet now. B: fit unclear — show work, ask one thing. C: out of area or scope.</summary>
public enum LeadTier
{
    A,
    B,
    C,
}

/// <summary>
/// How to reach the lead. A returning lead is recognised by any of the three: the same phone, the same e-mail or the
/// same chat ("webchat/dl_…"), so one person is one record whichever way they come back.
/// </summary>
public sealed record LeadContact(string? Name, string? Phone, string? Email, string? ChannelIdentity)
{
    /// <summary>The phone's last ten digits: "+7 916 123-45-67", "8 (916) 1234567" and "9161234567" are one number.</summary>
    public static string? PhoneKey(string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 10 ? digits[^10..] : null;
    }

    public static string? EmailKey(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Known facts of <paramref name="newer"/> over these.</summary>
    public LeadContact With(LeadContact newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        return new LeadContact(newer.Name ?? Name, newer.Phone ?? Phone, newer.Email ?? Email, newer.ChannelIdentity ?? ChannelIdentity);
    }
}

/// <summary>One line of a lead's history: what happened, when.</summary>
public sealed record LeadHistoryEntry(DateTimeOffset At, string What);

/// <summary>A lead in the CRM: who, what they want (the answers), how good a fit (score, tier), where they are (stage) and what happened.</summary>
/// <param name="Id">"L-1001".</param>
/// <param name="Source">The channel the lead first came from ("webchat", "telegram").</param>
public sealed record Lead(
    string Id,
    LeadContact Contact,
    string Source,
    string? Project,
    IReadOnlyDictionary<string, string> Answers,
    LeadTier? Tier,
    int? Score,
    string Summary,
    LeadStage Stage,
    IReadOnlyList<LeadHistoryEntry> History,
    DateTimeOffset Created,
    DateTimeOffset Updated);

/// <summary>
/// What a dialog learnt about a lead, written with <see cref="ILeadStore.SaveAsync"/>: known answers are added to the
/// record's (a newer one wins), a null tier, score, summary or stage leaves the record's as it is.
/// </summary>
/// <param name="Note">The history line for this change ("tier A, 90 points").</param>
public sealed record LeadChange(
    LeadContact Contact,
    string Source,
    string Note,
    string? Project = null,
    IReadOnlyDictionary<string, string>? Answers = null,
    LeadTier? Tier = null,
    int? Score = null,
    string? Summary = null,
    LeadStage? Stage = null);
