using Staffono.Skills.Leads;

namespace Staffono.Dialogs.Leads;

/// <summary>What the customer told about the cleaning so far, kept in the dialog's state as plain values.</summary>
/// <param name="Date">The day they want it, when they said.</param>
/// <param name="Asked">How many rounds of questions the bot has asked.</param>
public sealed record QuoteDraft(
    string Lead,
    Premises? Premises = null,
    int? Area = null,
    int? Rooms = null,
    int? Bathrooms = null,
    CleaningFrequency? Frequency = null,
    List<CleaningExtra>? Extras = null,
    DateTime? Date = null,
    int Asked = 0)
{
    public CleaningJob Job => new(Premises, Area, Rooms, Bathrooms, Frequency, (Extras ?? []).ToHashSet());

    /// <summary>This draft with what <paramref name="text"/> says on top.</summary>
    public QuoteDraft Read(string text, LeadsServices leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var job = Job.With(LeadAnswers.Cleaning(text));
        var wanted = leads.Dates.Recognize(text, leads.LocalNow);
        return this with
        {
            Premises = job.Premises,
            Area = job.AreaSquareMetres,
            Rooms = job.Rooms,
            Bathrooms = job.Bathrooms,
            Frequency = job.Frequency,
            Extras = job.Extras.ToList(),
            Date = wanted is { } w && w.Start.Date >= leads.LocalNow.Date ? w.Start.Date : Date,
        };
    }

    /// <summary>The answers as the CRM keeps them.</summary>
    public Dictionary<string, string> Answers()
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal) { ["project"] = "cleaning" };
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                answers[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            }
        }

        Add("premises", Premises?.ToString().ToLowerInvariant());
        Add("area_m2", Area);
        Add("rooms", Rooms);
        Add("bathrooms", Bathrooms);
        Add("frequency", Frequency?.ToString().ToLowerInvariant());
        Add("extras", Extras is { Count: > 0 } extras ? string.Join(",", extras.Select(e => e.ToString().ToLowerInvariant())) : null);
        Add("date", Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return answers;
    }
}

/// <summary>The job a deposit holds, as the deposit keeps it: when, where, how to get in, what was agreed and for how much.</summary>
public sealed record JobDetails(Skills.Calendar.Slot Slot, string Address, string? Access, decimal Price, string Description, string? Name, string? Phone);
