using System.Text;

namespace Staffono.Skills.Understanding;

/// <summary>
/// Reads intent files (<c>text&lt;TAB&gt;intent&lt;TAB&gt;lang</c> with a header line): the project's
/// training data and the files operators evaluate with. A bad line stops the read with a message
/// that names it.
/// </summary>
public static class IntentDataFile
{
    public const string Header = "text\tintent\tlang";

    public static IReadOnlyList<LabeledUtterance> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new IntentDataException($"{path}: file not found.");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static IReadOnlyList<LabeledUtterance> Read(TextReader reader, string name)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new IntentDataException($"{name}: the file is empty; expected the header '{Header.Replace("\t", "<TAB>", StringComparison.Ordinal)}'.");
        }

        if (!string.Equals(header.TrimEnd('\r').TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntentDataException($"{name}:1: expected the header 'text<TAB>intent<TAB>lang', found '{header}'.");
        }

        var result = new List<LabeledUtterance>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new IntentDataException($"{name}:{lineNumber}: expected 3 tab-separated columns (text, intent, lang), found {fields.Length}.");
            }

            var (text, intent, language) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim());
            if (text.Length == 0)
            {
                throw new IntentDataException($"{name}:{lineNumber}: the text is empty.");
            }

            if (!Intents.IsKnown(intent))
            {
                throw new IntentDataException($"{name}:{lineNumber}: unknown intent '{intent}'; the labels are {string.Join(", ", Intents.All)}.");
            }

            if (language is not ("ru" or "en"))
            {
                throw new IntentDataException($"{name}:{lineNumber}: unknown language '{language}'; expected ru or en.");
            }

            result.Add(new LabeledUtterance(text, intent, language));
        }

        if (result.Count == 0)
        {
            throw new IntentDataException($"{name}: no data lines after the header.");
        }

        return result;
    }
}
