using Staffono.Skills.Knowledge;

namespace Staffono.Dialogs.Support;

/// <summary>Words an answer from knowledge entries found for a question, using nothing else.</summary>
public interface IKnowledgePhrasing
{
    /// <summary>The answer and the ids of the entries it used; null to fall back to the best entry's own answer.</summary>
    Task<PhrasedAnswer?> PhraseAsync(string question, IReadOnlyList<KnowledgeEntry> entries, string language, CancellationToken cancellationToken);
}

/// <summary>An answer and the entries it came from (kept with the outcome, for audit).</summary>
public sealed record PhrasedAnswer(string Text, IReadOnlyList<string> EntryIds);
