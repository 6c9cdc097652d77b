namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>
/// k-fold cross-validation of the offline classifier on labelled data. Folds are stratified by intent
/// and language and assigned in file order, so the same data always gives the same folds.
/// </summary>
public static class CrossValidation
{
    public static IntentEvaluation Run(IReadOnlyList<LabeledUtterance> data, int folds, OfflineIntentClassifier.Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2 || folds > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), $"Folds must be between 2 and the number of examples ({data.Count}).");
        }

        var fold = new int[data.Count];
        foreach (var group in data.Select((d, i) => (d, i)).GroupBy(x => (x.d.Intent, x.d.Language)))
        {
            var n = 0;
            foreach (var (_, index) in group)
            {
                fold[index] = n++ % folds;
            }
        }

        var predicted = new string[data.Count];
        var latencies = new double[data.Count];
        for (var f = 0; f < folds; f++)
        {
            var training = data.Where((_, i) => fold[i] != f).ToList();
            var classifier = OfflineIntentClassifier.Train(training, options);
            var testIndices = Enumerable.Range(0, data.Count).Where(i => fold[i] == f).ToList();
            var partial = testIndices.Select(i => classifier.Predict(data[i].Text).Intent).ToList();
            for (var j = 0; j < testIndices.Count; j++)
            {
                predicted[testIndices[j]] = partial[j];
            }
        }

        return IntentEvaluation.Score(data, predicted, latencies);
    }
}
