namespace Staffono.Skills.Calendar;

/// <summary>
/// Reads back what <see cref="IcsWriter"/> writes (unfolding and unescaping per RFC 5545), so tests
/// and tools can check an invite field by field. Not a general calendar parser.
/// </summary>
public static class IcsReader
{
    /// <summary>The content lines after unfolding, as (name, value) pairs in order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Read(string ics)
    {
        ArgumentNullException.ThrowIfNull(ics);
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        var result = new List<(string, string)>();
        foreach (var line in unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                result.Add((line[..colon], Unescape(line[(colon + 1)..])));
            }
        }

        return result;
    }

    public static string Unescape(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                builder.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
