using System.Globalization;
using System.Text;
using Staffono.Skills.Leads;

namespace Staffono.Bot.Leads;

/// <summary>
/// The leads as CSV, for a spreadsheet or another CRM's import: one row per lead, RFC 4180 quoting, UTF-8 with a byte order
/// mark so spreadsheet programs read Cyrillic right.
/// </summary>
public static class LeadsCsv
{
    private static readonly string[] Header = ["id", "name", "phone", "email", "chat", "source", "project", "stage", "tier", "score", "summary", "answers", "created_utc", "updated_utc"];

    public static async Task WriteAsync(IEnumerable<Lead> leads, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(string.Join(",", Header));
        foreach (var lead in leads)
        {
            var answers = string.Join("; ", lead.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
            string?[] row =
            [
                lead.Id, lead.Contact.Name, lead.Contact.Phone, lead.Contact.Email, lead.Contact.ChannelIdentity, lead.Source, lead.Project,
                Skills.Shop.ShopNames.Snake(lead.Stage.ToString()), lead.Tier?.ToString(), lead.Score?.ToString(CultureInfo.InvariantCulture), lead.Summary, answers,
                lead.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), lead.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ];
            await writer.WriteLineAsync(string.Join(",", row.Select(Field)));
        }
    }

    /// <summary>Quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is defused so a spreadsheet does not run it.</summary>
    private static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !(text[0] == '+' && text.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')')))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary><c>export-leads [file]</c>: every lead of the configured data folder, to the file or to standard output.</summary>
    public static async Task<int> RunAsync(ILeadStore store, string? path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(store);
        var leads = await store.SearchAsync(null, int.MaxValue);
        if (path is null)
        {
            await WriteAsync(leads, output);
            return 0;
        }

        await using (var file = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            await WriteAsync(leads, file);
        }

        await output.WriteLineAsync($"{leads.Count} leads written to {Path.GetFullPath(path)}");
        return 0;
    }
}
