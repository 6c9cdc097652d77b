namespace Staffono.Skills.Knowledge;

/// <summary>
/// Offline retrieval over the knowledge entries: BM25 ranks the entries by how well the ways customers ask
/// them match the question (the answer's words count a little too), and the confidence says how much of the
/// question the best entry covers. A question about something the entries never mention ("доставка на
/// Марс") leaves its rare words uncovered and scores low, so the bot says it does not know rather than
/// answer a neighbouring question.
/// </summary>
public sealed class KnowledgeBase
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How much a word of the answer counts against one of the questions: answers say much that is not asked.</summary>
    private const double AnswerWeight = 0.3;

    private readonly List<KnowledgeEntry> _entries;
    private readonly List<Dictionary<string, double>> _termWeights = [];
    private readonly List<double> _lengths = [];
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly double _averageLength;
    private readonly double _unknownIdf;

    public KnowledgeBase(IEnumerable<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToList();
        foreach (var (entry, index) in _entries.Select((e, i) => (e, i)))
        {
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var stem in entry.Questions.SelectMany(KnowledgeText.Stems))
            {
                weights[stem] = weights.GetValueOrDefault(stem) + 1;
            }

            foreach (var stem in KnowledgeText.Stems(entry.Answer.Ru).Concat(KnowledgeText.Stems(entry.Answer.En)))
            {
                weights[stem] = weights.GetValueOrDefault(stem) + AnswerWeight;
            }

            _termWeights.Add(weights);
            _lengths.Add(weights.Values.Sum());
            foreach (var stem in weights.Keys)
            {
                if (!_postings.TryGetValue(stem, out var list))
                {
                    _postings[stem] = list = [];
                }

                list.Add(index);
            }
        }

        var n = Math.Max(1, _entries.Count);
        foreach (var (stem, list) in _postings)
        {
            _idf[stem] = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
        }

        // A word no entry has is as telling as the rarest one: it is what the question is about.
        _unknownIdf = Math.Log(1 + ((n - 0.5) / 1.5));
        _averageLength = _lengths.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public IReadOnlyList<KnowledgeEntry> Entries => _entries;

    public KnowledgeEntry? Find(string id) => _entries.FirstOrDefault(e => e.Id == id);

    /// <summary>The best entries for the question, best first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<KnowledgeHit> Search(string? question, int take = 3)
    {
        var query = KnowledgeText.Stems(question).Distinct(StringComparer.Ordinal).ToList();
        if (query.Count == 0 || _entries.Count == 0)
        {
            return [];
        }

        var scores = new Dictionary<int, double>();
        foreach (var stem in query)
        {
            if (!_postings.TryGetValue(stem, out var list))
            {
                continue;
            }

            var idf = _idf[stem];
            foreach (var index in list)
            {
                var tf = _termWeights[index][stem];
                var score = idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[index] / _averageLength))));
                scores[index] = scores.GetValueOrDefault(index) + score;
            }
        }

        var total = query.Sum(s => _idf.TryGetValue(s, out var idf) ? idf : _unknownIdf);
        return scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(take)
            .Select(p => new KnowledgeHit(_entries[p.Key], query.Where(_termWeights[p.Key].ContainsKey).Sum(s => _idf[s]) / total, p.Value))
            .ToList();
    }
}
