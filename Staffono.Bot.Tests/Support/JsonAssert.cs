using System.Text.Json;
using Xunit;

namespace Staffono.Bot.Tests.Support;

/// <summary>JSON equality: same values and structure, object member order ignored, numbers compared as written.</summary>
public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = FindDifference(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, $"JSON differs at {difference}\nexpected: {expected}\nactual:   {actual}");
    }

    private static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} vs {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (!expectedNames.SequenceEqual(actualNames))
                {
                    return $"{path}: members [{string.Join(",", expectedNames)}] vs [{string.Join(",", actualNames)}]";
                }

                foreach (var name in expectedNames)
                {
                    var d = FindDifference(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: length {expected.GetArrayLength()} vs {actual.GetArrayLength()}";
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    var d = FindDifference(expected[i], actual[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: \"{expected.GetString()}\" vs \"{actual.GetString()}\"";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}";
        }
    }
}
