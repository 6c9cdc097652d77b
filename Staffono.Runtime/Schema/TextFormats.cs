namespace Staffono.Runtime.Schema;

/// <summary>Values of <see cref="Activity.TextFormat"/>; replies always state one explicitly.</summary>
public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}
