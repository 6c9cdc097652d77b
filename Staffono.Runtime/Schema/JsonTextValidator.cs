using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Checks, before anything is parsed or stored, that every string and member name of a JSON body is
/// well-formed text: valid UTF-8, and no \u escape that leaves half of a surrogate pair. Parts of an
/// activity are kept as raw bytes and read much later (entities, channelData, unknown fields), so text
/// that cannot be decoded must be refused at the edge, not discovered in the middle of a turn.
/// </summary>
public static class JsonTextValidator
{
    /// <summary>Null when the text is well-formed; otherwise where the problem is and what it is.</summary>
    public static string? FindMalformedText(ReadOnlySpan<byte> utf8)
    {
        // Almost every body is valid UTF-8 without \u escapes; two vectorized scans settle that.
        var validUtf8 = Utf8.IsValid(utf8);
        if (validUtf8 && utf8.IndexOf("\\u"u8) < 0)
        {
            return null;
        }

        return WalkStrings(utf8);
    }

    /// <summary>Decodes every string and member name, following the path so the answer can name the field.</summary>
    private static string? WalkStrings(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        var path = new List<PathPart>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        AdvanceArrayIndex(path);
                        path.Add(new PathPart(reader.TokenType == JsonTokenType.StartArray, null, -1));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        path[^1] = path[^1] with { Name = null };
                        if (Decode(ref reader) is { } nameProblem)
                        {
                            return $"{Describe(path)}: a member name {nameProblem}";
                        }

                        path[^1] = path[^1] with { Name = reader.GetString() };
                        break;
                    case JsonTokenType.String:
                        AdvanceArrayIndex(path);
                        if (Decode(ref reader) is { } valueProblem)
                        {
                            return $"{Describe(path)}: the text {valueProblem}";
                        }

                        break;
                    default:
                        AdvanceArrayIndex(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the parser that runs next says so, with its own position.
            return null;
        }

        return null;
    }

    private static string? Decode(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.HasValueSequence || Utf8.IsValid(reader.ValueSpan) ? null : "is not valid UTF-8";
        }

        try
        {
            // Unescaping fails on a lone surrogate (\ud800 without its pair) and on invalid UTF-8 around escapes.
            _ = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return Utf8.IsValid(reader.ValueSpan) ? "has a \\u escape that is half of a surrogate pair" : "is not valid UTF-8";
        }
    }

    private static void AdvanceArrayIndex(List<PathPart> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string Describe(List<PathPart> path)
    {
        var text = new StringBuilder();
        foreach (var part in path)
        {
            if (part.IsArray)
            {
                text.Append('[').Append(Math.Max(part.Index, 0)).Append(']');
            }
            else if (part.Name is not null)
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(part.Name);
            }
        }

        return text.Length == 0 ? "the body" : text.ToString();
    }

    private readonly record struct PathPart(bool IsArray, string? Name, int Index);
}
